//! Event mentions: what each claim says about an event (type, specificity, negation, time,
//! place, actors, target object and casualties).

use corroborate_model::{Claim, Diagnostic, Document, EventMention, Sentence};

use crate::resources::{DataFiles, ResourceError};

/// The compiled event lexicons: triggers, cues, time patterns, gazetteer, actors.
#[derive(Debug, Default)]
pub(crate) struct Lexicon {}

impl Lexicon {
    /// Compiles the event data files.
    pub(crate) fn compile(_files: &DataFiles) -> Result<Lexicon, ResourceError> {
        Ok(Lexicon {})
    }
}

/// Finds one event mention per claim that bears on an event.
pub(crate) fn find_mentions(
    _doc: &Document,
    _sentences: &[Sentence],
    _claims: &[Claim],
    _lexicon: &Lexicon,
) -> (Vec<EventMention>, Vec<Diagnostic>) {
    (Vec::new(), Vec::new())
}
