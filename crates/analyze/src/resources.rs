//! Loading and compiling the data files (lexicons, rules, gazetteer) that analysis runs on.
//!
//! The defaults live in `data/` at the repository root and are embedded at build time, so the
//! binary needs no files at run time. A user overrides a default by supplying a file with the
//! same relative name (e.g. `attribution/cues.toml`); the CLI reads those files, this module
//! only compiles text, so analysis stays free of I/O.

use std::borrow::Cow;
use std::collections::BTreeMap;

use crate::{attribution, events};

/// A data file failed to parse or validate.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ResourceError {
    /// The file is not valid TOML or does not match the expected shape.
    #[error("{file}: {message}")]
    Invalid {
        /// Relative name of the data file, e.g. `attribution/cues.toml`.
        file: String,
        /// What is wrong, with the line when known.
        message: String,
    },
    /// An override names a file that is not one of the known data files.
    #[error("{file}: not a known data file; known files are {known}")]
    UnknownFile {
        /// The name given.
        file: String,
        /// The names that are allowed.
        known: String,
    },
}

/// The default data files, embedded at build time: (relative name, contents).
///
/// Each stage adds its own files to its section; names are relative to `data/`.
const BUILTIN_FILES: &[(&str, &str)] = &[
    // attribution
    (
        "attribution/abbreviations.toml",
        include_str!("../../../data/attribution/abbreviations.toml"),
    ),
    ("attribution/cues.toml", include_str!("../../../data/attribution/cues.toml")),
    ("attribution/cue-model.tsv", include_str!("../../../data/attribution/cue-model.tsv")),
    ("attribution/cue-particles.tsv", include_str!("../../../data/attribution/cue-particles.tsv")),
    ("attribution/sources.toml", include_str!("../../../data/attribution/sources.toml")),
    ("attribution/titles.toml", include_str!("../../../data/attribution/titles.toml")),
    ("attribution/metonyms.toml", include_str!("../../../data/attribution/metonyms.toml")),
    (
        "attribution/organisations.toml",
        include_str!("../../../data/attribution/organisations.toml"),
    ),
    // events
    ("events/types.toml", include_str!("../../../data/events/types.toml")),
    ("events/cues.toml", include_str!("../../../data/events/cues.toml")),
    ("events/targets.toml", include_str!("../../../data/events/targets.toml")),
    ("events/casualties.toml", include_str!("../../../data/events/casualties.toml")),
    ("time/patterns.toml", include_str!("../../../data/time/patterns.toml")),
    ("places/gazetteer.toml", include_str!("../../../data/places/gazetteer.toml")),
    ("places/settings.toml", include_str!("../../../data/places/settings.toml")),
    ("actors/actors.toml", include_str!("../../../data/actors/actors.toml")),
    ("actors/roles.toml", include_str!("../../../data/actors/roles.toml")),
];

/// The data files to compile: relative name → text. The built-in texts are borrowed from the
/// binary rather than copied (the cue model alone is 2 MB).
#[derive(Debug, Clone, Default)]
pub(crate) struct DataFiles {
    files: BTreeMap<&'static str, Cow<'static, str>>,
}

impl DataFiles {
    /// The built-in files, without overrides.
    #[cfg(test)]
    pub(crate) fn builtin() -> Self {
        DataFiles { files: BUILTIN_FILES.iter().map(|(n, t)| (*n, Cow::Borrowed(*t))).collect() }
    }

    /// The built-in files, with each `(name, text)` in `overrides` replacing the file of the
    /// same relative name; an unknown name is an error that lists the known ones.
    fn with_overrides(overrides: Vec<(String, String)>) -> Result<Self, ResourceError> {
        let mut files: BTreeMap<&'static str, Cow<'static, str>> =
            BUILTIN_FILES.iter().map(|(name, text)| (*name, Cow::Borrowed(*text))).collect();
        for (name, text) in overrides {
            let Some(known) = BUILTIN_FILES.iter().map(|(n, _)| *n).find(|n| *n == name) else {
                let known = files.keys().copied().collect::<Vec<_>>().join(", ");
                return Err(ResourceError::UnknownFile { file: name, known });
            };
            files.insert(known, Cow::Owned(text));
        }
        Ok(DataFiles { files })
    }

    /// The text of `name`, or an error naming the missing file.
    pub(crate) fn get(&self, name: &str) -> Result<&str, ResourceError> {
        self.files.get(name).map(|text| text.as_ref()).ok_or_else(|| ResourceError::Invalid {
            file: name.to_string(),
            message: "missing data file".to_string(),
        })
    }
}

/// Everything analysis needs, compiled once at start-up and shared by every document.
#[derive(Debug)]
pub struct Resources {
    pub(crate) attribution: attribution::Lexicon,
    pub(crate) events: events::Lexicon,
}

impl Resources {
    /// The built-in defaults.
    pub fn builtin() -> Result<Self, ResourceError> {
        Self::with_overrides(Vec::new())
    }

    /// The defaults, with each `(name, text)` in `overrides` replacing the default file of the
    /// same relative name (e.g. `("attribution/cues.toml", text)`).
    pub fn with_overrides(overrides: Vec<(String, String)>) -> Result<Self, ResourceError> {
        let files = DataFiles::with_overrides(overrides)?;
        Ok(Resources {
            attribution: attribution::Lexicon::compile(&files)?,
            events: events::Lexicon::compile(&files)?,
        })
    }

    /// Also looks places up in a gazetteer index built from open data (`corroborate gazetteer
    /// build`), and derives an exact place's setting from its land and sea polygons. Without
    /// it, only the fixture gazetteer `places/gazetteer.toml` is used.
    pub fn with_gazetteer(
        mut self,
        index: std::sync::Arc<corroborate_gazetteer::Gazetteer>,
    ) -> Self {
        self.events.set_gazetteer_index(index);
        self
    }

    /// Relative names of the data files that can be overridden.
    pub fn data_file_names() -> Vec<&'static str> {
        BUILTIN_FILES.iter().map(|(name, _)| *name).collect()
    }
}

/// What [`crate::time_expressions`] needs, and nothing else: the abbreviations that sentence
/// splitting reads (`attribution/abbreviations.toml`) and the time patterns
/// (`time/patterns.toml`). A process that only tags time expressions (`corroborate eval
/// temporal`) compiles these two files instead of every data file of analyze; the other files
/// may still be overridden (so one `--data` directory serves every command) but are not read.
#[derive(Debug)]
pub struct TimeResources {
    pub(crate) sentences: attribution::SentenceLexicon,
    pub(crate) time: events::TimeLexicon,
}

impl TimeResources {
    /// The built-in defaults.
    pub fn builtin() -> Result<Self, ResourceError> {
        Self::with_overrides(Vec::new())
    }

    /// The defaults, with overrides as [`Resources::with_overrides`] takes them.
    pub fn with_overrides(overrides: Vec<(String, String)>) -> Result<Self, ResourceError> {
        let files = DataFiles::with_overrides(overrides)?;
        // The abbreviation entries' examples are attribution examples, run by its tests.
        let sentences = attribution::sentence_lexicon(&|name| files.get(name))?;
        Ok(TimeResources { sentences, time: events::TimeLexicon::compile(&files)? })
    }

    /// The sentence splitter's view of the abbreviations.
    pub(crate) fn sentence_rules(&self) -> crate::sentences::Rules<'_> {
        crate::sentences::Rules::from(&self.sentences)
    }
}
