//! Event mentions: what each claim says about an event — its type, whether it is one specific
//! event (or a campaign, a generality, a hypothetical), whether it is negated, and when, where,
//! who and how many.
//!
//! One [`EventMention`] is made per claim whose content bears on an event: it names an event
//! (a trigger such as "drone strike" or an anaphor such as "the mission"), or gives an actor a
//! role, a target object or a casualty figure. Every value keeps the span it came from, and
//! nothing is filled in where the text is silent.
//!
//! Scope: the trigger, specificity, place, actors, target and casualties are read from the
//! claim's content only; the speaker's own words (source spans of every claim) are masked, so
//! "Legal experts in Washington" never locates an event. Time expressions are read from the
//! whole sentence, because an expression outside the content ("indicated this week") dates the
//! statement and still bounds the event from above.
//!
//! The time lexicon runs once over every sentence; a mention picks its expressions from those of
//! its sentence, and the whole list is also reported on its own ([`Events::time_expressions`]),
//! so that an expression in a sentence without an event is still found.
//!
//! All lexicons and patterns are data under `data/events`, `data/time`, `data/places` and
//! `data/actors`, compiled once by [`Lexicon::compile`].

mod actors;
mod casualties;
mod place;
mod targets;
mod terms;
mod time;
mod types;

use corroborate_model::{
    Claim, Diagnostic, Document, EventMention, EventType, MentionId, Sentence, Setting, Span,
    Specificity, TimeExpression, TimeInterval, TimePrecision, TimeRole,
};

use crate::resources::{DataFiles, ResourceError};

/// The compiled event lexicons: triggers and cues, targets, casualties, time patterns,
/// gazetteer and actors.
#[derive(Debug)]
pub(crate) struct Lexicon {
    types: types::TypeLexicon,
    targets: targets::TargetLexicon,
    casualties: casualties::CasualtyLexicon,
    time: time::TimeLexicon,
    places: place::Gazetteer,
    actors: actors::ActorLexicon,
}

impl Lexicon {
    /// Looks towns up in a built gazetteer index too, and takes settings from its polygons.
    pub(crate) fn set_gazetteer_index(
        &mut self,
        index: std::sync::Arc<corroborate_gazetteer::Gazetteer>,
    ) {
        self.places.set_index(index);
    }

    /// Compiles every event data file; an error names the file and the entry.
    pub(crate) fn compile(files: &DataFiles) -> Result<Lexicon, ResourceError> {
        Ok(Lexicon {
            types: types::TypeLexicon::compile(files)?,
            targets: targets::TargetLexicon::compile(files)?,
            casualties: casualties::CasualtyLexicon::compile(files)?,
            time: time::TimeLexicon::compile(files)?,
            places: place::Gazetteer::compile(files)?,
            actors: actors::ActorLexicon::compile(files)?,
        })
    }

    /// Runs the inline examples of every event data file; returns `(entry id, failure)` for each
    /// failure not listed in its file's `known_failures`.
    // Run by the tests today; kept in the library so that a `rules test` command can run the
    // examples of a user's override files too.
    #[allow(dead_code)]
    pub(crate) fn check_examples(&self) -> Vec<(String, String)> {
        let mut failures = self.types.check_examples();
        failures.extend(self.targets.check_examples());
        failures.extend(self.casualties.check_examples());
        failures.extend(self.time.check_examples());
        failures.extend(self.places.check_examples());
        failures.extend(self.actors.check_examples());
        failures
    }
}

/// What the events stage finds in one document.
#[derive(Debug, Default)]
pub(crate) struct Events {
    /// One mention per claim that bears on an event, in claim order.
    pub(crate) mentions: Vec<EventMention>,
    /// Every time expression of every sentence, in text order, with the role its mention gave
    /// it ([`TimeRole::Other`] when no mention reads it).
    pub(crate) time_expressions: Vec<TimeExpression>,
    /// Things this stage could not read.
    pub(crate) diagnostics: Vec<Diagnostic>,
}

/// The time expressions of one sentence, found once and shared by every claim in it.
struct SentenceTimes {
    span: Span,
    found: Vec<time::Found>,
}

/// Finds one event mention per claim that bears on an event, in claim order, and every time
/// expression of the document.
pub(crate) fn find_events(
    doc: &Document,
    sentences: &[Sentence],
    claims: &[Claim],
    lexicon: &Lexicon,
) -> Events {
    let text = doc.text.as_str();
    let times = sentence_times(doc, sentences, &lexicon.time);
    // The words naming a speaker, in any claim: places and actors there are about the source.
    let masked: Vec<Span> = claims
        .iter()
        .flat_map(|c| std::iter::once(&c.source).chain(&c.co_sources))
        .filter_map(|s| s.span)
        .collect();
    let mut mentions = Vec::new();
    let mut diagnostics = Vec::new();
    let mut underspecified = None;
    for claim in claims {
        let content: Vec<Span> = claim
            .content
            .iter()
            .filter(|s| s.slice(text).is_some() && !s.is_empty())
            .copied()
            .collect();
        if content.is_empty() {
            continue;
        }
        let sentence = sentences.iter().find(|s| s.index == claim.sentence).map(|s| s.span);
        let context = ClaimContext { content: &content, sentence, masked: &masked, times: &times };
        let Some(mention) = read_claim(doc, claim, &context, lexicon, &mut diagnostics) else {
            continue;
        };
        if doc.published.is_none() && underspecified.is_none() {
            underspecified = mention
                .time
                .expressions
                .iter()
                .find(|e| e.value.as_deref().is_some_and(|v| v.contains('X')))
                .map(|e| e.span);
        }
        mentions.push(mention);
    }
    if let Some(span) = underspecified {
        diagnostics.push(Diagnostic {
            code: "time_without_publication_date".to_string(),
            message: "the report has no publication date, so relative dates stay unresolved; \
                      give one with --published to resolve them"
                .to_string(),
            span: Some(span),
        });
    }
    let time_expressions = document_times(text, &times, &mentions);
    Events { mentions, time_expressions, diagnostics }
}

/// The time expressions of each sentence, in sentence order.
fn sentence_times(
    doc: &Document,
    sentences: &[Sentence],
    time: &time::TimeLexicon,
) -> Vec<SentenceTimes> {
    // Sentences of repeated paragraphs are already left out by the splitter.
    // The anchor carries the last date named from sentence to sentence ("a year earlier").
    let mut anchor = time::Anchor::default();
    sentences
        .iter()
        .map(|s| SentenceTimes {
            span: s.span,
            found: time.find(&doc.text, s.span, doc.published, &mut anchor),
        })
        .collect()
}

/// The time patterns alone (`time/patterns.toml`), for a caller that wants a document's time
/// expressions and nothing else of the events stage.
#[derive(Debug)]
pub(crate) struct TimeLexicon(time::TimeLexicon);

impl TimeLexicon {
    /// Compiles `time/patterns.toml`.
    pub(crate) fn compile(files: &DataFiles) -> Result<Self, ResourceError> {
        time::TimeLexicon::compile(files).map(TimeLexicon)
    }
}

/// Every time expression of the document's sentences, in text order, as
/// [`Events::time_expressions`] gives them but with no mention to give them a role: each has
/// [`TimeRole::Other`]. Spans, types and values are the same, since a sentence's expressions
/// and the anchor carried between sentences do not depend on claims or mentions.
pub(crate) fn find_times(
    doc: &Document,
    sentences: &[Sentence],
    lexicon: &TimeLexicon,
) -> Vec<TimeExpression> {
    let times = sentence_times(doc, sentences, &lexicon.0);
    document_times(&doc.text, &times, &[])
}

/// Every expression of every sentence once, in text order; it takes the role of the first
/// mention that reads it, and [`TimeRole::Other`] when none does.
fn document_times(
    text: &str,
    times: &[SentenceTimes],
    mentions: &[EventMention],
) -> Vec<TimeExpression> {
    let mut all: Vec<TimeExpression> = Vec::new();
    for f in times.iter().flat_map(|t| &t.found) {
        if all.iter().any(|e| e.span == f.span) {
            continue;
        }
        let role = mentions
            .iter()
            .flat_map(|m| &m.time.expressions)
            .find(|e| e.span == f.span)
            .map_or(TimeRole::Other, |e| e.role);
        all.push(expression(text, f, role));
    }
    all.sort_by_key(|e| (e.span.start, e.span.end));
    all
}

/// The model's view of one expression the lexicon found.
fn expression(text: &str, f: &time::Found, role: TimeRole) -> TimeExpression {
    TimeExpression {
        text: f.span.slice(text).unwrap_or_default().to_string(),
        span: f.span,
        timex_type: f.timex_type,
        value: f.value.clone(),
        role,
        rule_id: f.rule_id.clone(),
    }
}

/// Where one claim lies, and what the document around it already gave.
struct ClaimContext<'a> {
    /// The claim's non-empty content spans.
    content: &'a [Span],
    /// The span of the claim's sentence, when known.
    sentence: Option<Span>,
    /// Words naming a speaker in any claim.
    masked: &'a [Span],
    /// The time expressions of every sentence.
    times: &'a [SentenceTimes],
}

/// The mention of one claim, or `None` when its content bears on no event.
fn read_claim(
    doc: &Document,
    claim: &Claim,
    context: &ClaimContext<'_>,
    lexicon: &Lexicon,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<EventMention> {
    let text = doc.text.as_str();
    let (content, masked) = (context.content, context.masked);
    let triggers: Vec<types::Trigger> =
        content.iter().flat_map(|span| lexicon.types.triggers(text, *span)).collect();
    let named = lexicon.actors.find(text, content, masked);
    let actors: Vec<_> = named.iter().filter_map(|n| n.mention.clone()).collect();
    let target = lexicon.targets.find(text, content);
    let casualties = lexicon.casualties.find(text, content);
    let mut specificity =
        lexicon.types.specificity(text, content).map(|(s, _)| s).unwrap_or(Specificity::Specific);
    let bears_on_event =
        !(triggers.is_empty() && actors.is_empty() && target.is_none() && casualties.is_empty());
    if !bears_on_event && specificity == Specificity::Specific {
        // A habitual saying ("Managua has repeatedly dismissed U.S. claims that …") is background
        // even when what is said names no event. Only used when the content bears on no event:
        // "officials have repeatedly said the strike killed three" stays about one strike.
        if let Some(saying) = saying_span(claim) {
            if let Some((Specificity::Aggregate, _)) = lexicon.types.specificity(text, &[saying]) {
                specificity = Specificity::Aggregate;
            }
        }
    }
    // A rule about the use of force or a trend over many events bears on events as a class even
    // when it names no single one: it is kept, as context, so that it is never read as silence.
    if !bears_on_event && specificity == Specificity::Specific {
        return None;
    }

    // A named type beats an anaphor, and a strong trigger beats a weak one ("UAV operation"
    // over a later "strike").
    let chosen = triggers
        .iter()
        .find(|t| t.strong)
        .or_else(|| triggers.iter().find(|t| t.event_type.is_some()))
        .or_else(|| triggers.first());
    let negated = lexicon.types.negation(text, content).is_some();

    // Places are masked by the speakers' words and by actors' names, with or without a role (a
    // "Venezuelan military" names an actor, and the "Sinaloa Cartel" is not in Sinaloa), except a
    // place name standing for its government, which may still be the place.
    let mut place_mask = masked.to_vec();
    place_mask.extend(named.iter().filter(|n| !n.metonym).map(|n| n.span));
    let place =
        lexicon.places.find(text, content, &place_mask, target.as_ref().and_then(|t| t.setting));
    let event_type = chosen.and_then(|t| type_of(t, target.as_ref(), place.as_ref()));

    let time = read_time(doc, claim, context, lexicon, diagnostics);
    Some(EventMention {
        id: MentionId::for_claim(&claim.id),
        document: doc.id.clone(),
        claim: claim.id.clone(),
        sentence: claim.sentence,
        event_type,
        trigger: chosen.map(|t| t.span),
        specificity,
        negated,
        time,
        place,
        actors,
        target_object: target.map(|t| t.object),
        casualties,
    })
}

/// The type a trigger names, given what was hit and where. A strong trigger names its type (a
/// vessel turns it into its vessel type); a weak one ("strike", "blast", "seized") only when a
/// vessel, a maritime setting or a land target decides how the event happened.
fn type_of(
    trigger: &types::Trigger,
    target: Option<&targets::Target>,
    place: Option<&corroborate_model::Place>,
) -> Option<EventType> {
    let vessel = target.is_some_and(|t| t.vessel);
    let at_sea = place.is_some_and(|p| {
        matches!(p.setting, Setting::InternationalWaters | Setting::TerritorialSea)
            || p.precision == corroborate_model::PlacePrecision::SeaArea
    });
    if trigger.strong {
        return if vessel {
            trigger.vessel_type.or(trigger.event_type)
        } else {
            trigger.event_type
        };
    }
    if vessel || at_sea {
        return trigger.vessel_type;
    }
    let on_land = target.is_some_and(|t| t.setting == Some(Setting::Land));
    if on_land && trigger.land_target_decides {
        return trigger.event_type;
    }
    None
}

/// The words between the speaker and what is said ("has repeatedly rejected"), when the speaker
/// comes first.
fn saying_span(claim: &Claim) -> Option<Span> {
    let source = claim.source.span?;
    let hull = claim.content_hull();
    (source.end < hull.start).then(|| Span::new(source.start, hull.start))
}

/// The claim's time: expressions in its sentence, each dating the event or only the
/// statement, folded into an interval.
fn read_time(
    doc: &Document,
    claim: &Claim,
    context: &ClaimContext<'_>,
    lexicon: &Lexicon,
    diagnostics: &mut Vec<Diagnostic>,
) -> TimeInterval {
    let text = doc.text.as_str();
    let content = context.content;
    let hull = claim.content_hull();
    let scope = context.sentence.map(|s| s.cover(hull)).unwrap_or(hull);
    // The expressions were found once per sentence; a claim reads those of every sentence its
    // scope touches.
    let found = context
        .times
        .iter()
        .filter(|t| t.span.overlaps(scope))
        .flat_map(|t| &t.found)
        .filter(|f| scope.contains(f.span));
    let mut interval = TimeInterval::default();
    let mut earliest = None;
    let mut latest = None;
    let mut event_width: Option<(i64, TimePrecision)> = None;
    let mut statement_latest = None;
    for f in found {
        let inside = content.iter().any(|c| c.contains(f.span));
        let role = if lexicon.time.statement_cue(text, scope.start, f.span.start).is_some() {
            TimeRole::Statement
        } else if inside || claim.cue.is_none() {
            TimeRole::Event
        } else {
            // Outside the content of an attributed claim: it dates the saying.
            TimeRole::Statement
        };
        match role {
            TimeRole::Statement => {
                statement_latest = min_date(statement_latest, f.latest);
            }
            _ => {
                if let (Some(e), Some(l)) = (f.earliest, f.latest) {
                    earliest = Some(earliest.map_or(e, |x: chrono::NaiveDate| x.max(e)));
                    latest = Some(latest.map_or(l, |x: chrono::NaiveDate| x.min(l)));
                    let width = (l - e).num_days();
                    let narrower = match event_width {
                        None => true,
                        Some((kept, _)) => width < kept,
                    };
                    if narrower {
                        event_width = Some((width, f.precision));
                    }
                }
            }
        }
        interval.expressions.push(expression(text, f, role));
    }
    interval.earliest = earliest;
    interval.latest = min_date(latest, statement_latest);
    interval.precision = event_width.map(|(_, p)| p).unwrap_or(TimePrecision::Unknown);
    if let (Some(e), Some(l)) = (interval.earliest, interval.latest) {
        if e > l {
            diagnostics.push(Diagnostic {
                code: "time_interval_conflict".to_string(),
                message: format!(
                    "the event's earliest day {e} is after its latest day {l}; check the \
                     expressions of this claim"
                ),
                span: Some(hull),
            });
        }
    }
    interval
}

fn min_date(
    a: Option<chrono::NaiveDate>,
    b: Option<chrono::NaiveDate>,
) -> Option<chrono::NaiveDate> {
    match (a, b) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    }
}

// Tests may unwrap: a panic there is a failing test, not a crash on input.
#[cfg(test)]
#[allow(clippy::unwrap_used)]
pub(crate) mod tests {
    use super::*;
    use crate::Resources;
    use corroborate_model::{
        ActorRole, ClaimForm, ClaimId, Cue, DateProvenance, DocumentId, Paragraph, ParagraphKind,
        PlacePrecision, Setting, SettingDerivation, Source, SourceKind, Stance,
    };
    use std::sync::OnceLock;

    /// The built-in resources, compiled once for all tests of the crate.
    pub(crate) fn resources() -> &'static Resources {
        static RESOURCES: OnceLock<Resources> = OnceLock::new();
        RESOURCES.get_or_init(|| Resources::builtin().expect("built-in data files compile"))
    }

    /// The built-in event lexicon.
    pub(crate) fn lexicon() -> &'static Lexicon {
        &resources().events
    }

    fn date(y: i32, m: u32, d: u32) -> chrono::NaiveDate {
        chrono::NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn document(text: &str, published: Option<chrono::NaiveDate>) -> Document {
        Document {
            id: DocumentId::from_raw(text.as_bytes()),
            origin: "test".into(),
            url: None,
            title: None,
            publisher: None,
            author: None,
            published,
            published_from: if published.is_some() {
                DateProvenance::Cli
            } else {
                DateProvenance::None
            },
            language: Some("en".into()),
            text: text.to_string(),
            paragraphs: vec![Paragraph {
                span: Span::new(0, text.len()),
                kind: ParagraphKind::Body,
            }],
            syndication_group: None,
        }
    }

    fn span_of(text: &str, part: &str) -> Span {
        let start = text.find(part).unwrap();
        Span::new(start, start + part.len())
    }

    /// A claim of `source` (its words in the text) with `cue` and content `content`, in a
    /// one-sentence document; `None` source and cue make outlet narration.
    fn claim(doc: &Document, source: Option<&str>, cue: Option<&str>, content: &str) -> Claim {
        let text = doc.text.as_str();
        let content = vec![span_of(text, content)];
        let cue_span = cue.map(|c| span_of(text, c));
        Claim {
            id: ClaimId::derive(&doc.id, 0, &content, cue_span.map(|c| c.start)),
            document: doc.id.clone(),
            sentence: 0,
            source: Source {
                kind: if source.is_some() { SourceKind::Anonymous } else { SourceKind::Outlet },
                surface: source.unwrap_or_default().to_string(),
                span: source.map(|s| span_of(text, s)),
                ..Source::default()
            },
            co_sources: Vec::new(),
            cue: cue_span
                .map(|s| Cue { text: cue.unwrap_or_default().to_string(), spans: vec![s] }),
            stance: Stance::Asserts,
            form: if source.is_some() { ClaimForm::Indirect } else { ClaimForm::Narration },
            construction: "test".into(),
            rule_id: "test".into(),
            content,
            embedded_in: None,
            in_headline: false,
        }
    }

    fn one(doc: &Document, claim: Claim) -> Option<EventMention> {
        let sentence = Sentence { index: 0, span: Span::new(0, doc.text.len()), paragraph: 0 };
        let mut mentions = find_events(doc, &[sentence], &[claim], lexicon()).mentions;
        mentions.pop()
    }

    #[test]
    fn every_data_example_runs() {
        let failures = lexicon().check_examples();
        assert!(failures.is_empty(), "{failures:#?}");
    }

    #[test]
    fn statement_time_only_bounds_the_event() {
        let text = "Officials and local residents suggested this week that an American \
                    intelligence-led drone strike took place earlier this month outside a \
                    Venezuelan fishing town.";
        let doc = document(text, Some(date(2025, 12, 30)));
        let content = &text[span_of(text, "an American").start..text.len() - 1];
        let c = claim(&doc, Some("Officials and local residents"), Some("suggested"), content);
        let m = one(&doc, c).unwrap();
        assert_eq!(m.event_type, Some(EventType::AirOrDroneStrike));
        assert_eq!(m.specificity, Specificity::Specific);
        assert_eq!(m.time.earliest, Some(date(2025, 12, 1)));
        assert_eq!(m.time.latest, Some(date(2025, 12, 30)));
        assert_eq!(m.time.precision, TimePrecision::Month);
        let roles: Vec<_> = m.time.expressions.iter().map(|e| (e.text.as_str(), e.role)).collect();
        assert_eq!(
            roles,
            [("this week", TimeRole::Statement), ("earlier this month", TimeRole::Event)]
        );
        let place = m.place.unwrap();
        assert_eq!(place.country_code.as_deref(), Some("VE"));
        assert_eq!(place.precision, PlacePrecision::Country);
        let actors: Vec<_> = m.actors.iter().map(|a| (a.name.as_str(), a.role)).collect();
        assert_eq!(actors, [("U.S. intelligence", ActorRole::Perpetrator)]);
    }

    #[test]
    fn a_remark_dated_by_an_interview_bounds_the_latest_day() {
        let text = "Governor Elena Marsh mentioned a Honduras pier incident during a podcast \
                    interview on Mar 4, calling it simply a strike on a \u{201c}dock area used \
                    for fueling speedboats.\u{201d}";
        let content = &text[span_of(text, "a Honduras").start..];
        let doc = document(text, Some(date(2025, 3, 9)));
        let c = claim(&doc, Some("Governor Elena Marsh"), Some("mentioned"), content);
        let m = one(&doc, c).unwrap();
        assert_eq!(m.time.earliest, None);
        assert_eq!(m.time.latest, Some(date(2025, 3, 4)));
        assert_eq!(m.time.expressions[0].role, TimeRole::Statement);
        assert_eq!(m.target_object.as_ref().map(|t| t.category.as_str()), Some("dock"));
        let place = m.place.unwrap();
        assert_eq!(place.setting, Setting::Land);
        assert_eq!(place.setting_from, Some(SettingDerivation::TargetType));

        let bare = document(text, None);
        let c = claim(&bare, Some("Governor Elena Marsh"), Some("mentioned"), content);
        let m = one(&bare, c).unwrap();
        assert_eq!(m.time.expressions[0].value.as_deref(), Some("XXXX-03-04"));
        assert_eq!((m.time.earliest, m.time.latest), (None, None));
    }

    #[test]
    fn a_time_in_a_sentence_without_an_event_is_still_reported() {
        let text = "A drone struck a dock on Dec 3. The council met on Tuesday.";
        let doc = document(text, Some(date(2025, 12, 12)));
        let analysis = crate::analyze(&doc, resources());
        let found: Vec<_> = analysis
            .time_expressions
            .iter()
            .map(|e| (e.text.as_str(), e.value.as_deref(), e.role))
            .collect();
        assert!(
            found.contains(&("Tuesday", Some("2025-12-09"), TimeRole::Other))
                || found.contains(&("on Tuesday", Some("2025-12-09"), TimeRole::Other)),
            "{found:?}"
        );
        let starts: Vec<_> = analysis.time_expressions.iter().map(|e| e.span.start).collect();
        assert!(starts.windows(2).all(|w| w[0] < w[1]), "in text order, once: {starts:?}");
        // The first sentence's date dates its event, and keeps that role in the document list.
        assert!(analysis
            .time_expressions
            .iter()
            .any(|e| e.text.contains("Dec 3") && e.role == TimeRole::Event));
    }

    #[test]
    fn a_denied_role_is_a_negated_mention_with_the_supporter() {
        let text = "Maj. Dana Cole later stated that Special Operations units did not \
                    participate in surveillance or logistics for that operation.";
        let doc = document(text, None);
        let content = &text[span_of(text, "Special Operations").start..text.len() - 1];
        let c = claim(&doc, Some("Maj. Dana Cole"), Some("stated"), content);
        let m = one(&doc, c).unwrap();
        assert!(m.negated);
        assert_eq!(m.event_type, None);
        let actors: Vec<_> = m.actors.iter().map(|a| (a.name.as_str(), a.role)).collect();
        assert_eq!(actors, [("U.S. Special Operations Command", ActorRole::Supporter)]);
    }

    #[test]
    fn campaign_and_legal_remark_are_not_specific() {
        let text = "Over the past few months the United States has conducted several maritime \
                    interdictions in the eastern Pacific and the Caribbean, seeking to disable \
                    vessels thought to carry cocaine.";
        let doc = document(text, Some(date(2025, 12, 30)));
        let m = one(&doc, claim(&doc, None, None, text)).unwrap();
        assert_eq!(m.specificity, Specificity::Aggregate);
        assert_eq!(m.event_type, Some(EventType::MaritimeInterdiction));
        assert_eq!(m.place.as_ref().map(|p| p.precision), Some(PlacePrecision::SeaArea));
        assert_eq!(m.time.expressions[0].value.as_deref(), Some("PXM"));

        let text = "Security analysts in Washington said that the U.S. Navy has authority to \
                    board vessels, but not to launch unauthorized strikes on installations abroad.";
        let doc = document(text, None);
        let content = &text[span_of(text, "the U.S. Navy").start..text.len() - 1];
        let m =
            one(&doc, claim(&doc, Some("Security analysts in Washington"), Some("said"), content))
                .unwrap();
        assert_eq!(m.specificity, Specificity::Generic);
        assert!(m.place.is_none(), "{:?}", m.place);
    }

    #[test]
    fn casualties_and_a_claim_about_nothing() {
        let text = "The warehouse was reportedly deserted when the missile hit, and no \
                    civilian casualties were recorded by medics, residents said.";
        let doc = document(text, None);
        let content = &text[..span_of(text, ", residents said").start];
        let m = one(&doc, claim(&doc, Some("residents"), Some("said"), content)).unwrap();
        assert_eq!(m.casualties.len(), 3);
        assert!(m.casualties[0].inferred);

        let text = "The spokespeople declined to give any details.";
        let doc = document(text, None);
        assert!(one(&doc, claim(&doc, None, None, text)).is_none());
    }

    #[test]
    fn a_struck_boat_is_a_strike_on_a_vessel() {
        let text = "U.S. forces struck a boat in the Caribbean, killing at least three people.";
        let doc = document(text, Some(date(2025, 9, 3)));
        let m = one(&doc, claim(&doc, None, None, text)).unwrap();
        assert_eq!(m.event_type, Some(EventType::StrikeOnVessel));
        assert_eq!(m.actors[0].name, "U.S. military");
        assert_eq!(m.casualties[0].min, Some(3));
        assert_eq!(m.casualties[0].max, None);
        let place = m.place.unwrap();
        assert_eq!(place.setting, Setting::InternationalWaters);
    }

    #[test]
    fn a_weak_trigger_names_a_type_only_when_target_or_sea_decides() {
        let typed = |text: &str| {
            let doc = document(text, Some(date(2025, 11, 26)));
            one(&doc, claim(&doc, None, None, text)).map(|m| m.event_type)
        };
        assert_eq!(typed("The blast on Tuesday killed two soldiers."), Some(None));
        assert_eq!(typed("The strike took place on Tuesday."), Some(None));
        assert_eq!(
            typed("The strike took place in international waters."),
            Some(Some(EventType::StrikeOnVessel))
        );
        assert_eq!(
            typed("the bombing of an army truck near Saravena"),
            Some(Some(EventType::RemoteExplosive))
        );
        assert_eq!(typed("Blasts at Machiques Airstrip"), Some(None));
        assert_eq!(typed("Marines seized eight rifles."), Some(None));
    }

    #[test]
    fn a_rule_or_a_habitual_saying_is_context_without_an_event_word() {
        let text = "Lethal force against suspected smugglers at sea is lawful only during an \
                    armed conflict.";
        let doc = document(text, None);
        let m = one(&doc, claim(&doc, None, None, text)).unwrap();
        assert_eq!(m.specificity, Specificity::Generic);

        let text =
            "Managua has repeatedly dismissed U.S. claims that the regime protects smugglers.";
        let doc = document(text, None);
        let c = claim(&doc, Some("Managua"), Some("dismissed"), "the regime protects smugglers");
        assert_eq!(one(&doc, c).unwrap().specificity, Specificity::Aggregate);

        let text = "Officials said the regime protects smugglers.";
        let doc = document(text, None);
        let c = claim(&doc, Some("Officials"), Some("said"), "the regime protects smugglers");
        assert!(one(&doc, c).is_none());
    }

    /// The reference report as ingest would give it: paragraphs split on blank lines, the first
    /// the headline, its repeat marked, short Title-Case lines without final punctuation as
    /// subheadings.
    fn seed_document(published: Option<chrono::NaiveDate>) -> Option<Document> {
        let path =
            concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/seeds/000_aa2545dd01555be1.txt");
        let Ok(text) = std::fs::read_to_string(path) else {
            assert_ne!(std::env::var("CI").as_deref(), Ok("true"), "seed report missing at {path}");
            eprintln!("note: seed report not found at {path}; skipping");
            return None;
        };
        let mut doc = document(&text, published);
        doc.paragraphs.clear();
        let mut offset = 0;
        let mut headline: Option<&str> = None;
        for block in text.split("\n\n") {
            let start = offset;
            offset += block.len() + 2;
            let trimmed = block.trim();
            if trimmed.is_empty() {
                continue;
            }
            let lead = block.len() - block.trim_start().len();
            let span = Span::new(start + lead, start + lead + trimmed.len());
            let kind = if headline.is_none() {
                headline = Some(trimmed);
                ParagraphKind::Headline
            } else if headline == Some(trimmed) {
                ParagraphKind::Repeated
            } else if trimmed.len() < 80
                && !trimmed.ends_with(['.', '!', '?', '"', '\u{201d}'])
                && trimmed
                    .split_whitespace()
                    .filter(|w| w.len() > 3)
                    .all(|w| w.starts_with(char::is_uppercase))
            {
                ParagraphKind::Subheading
            } else {
                ParagraphKind::Body
            };
            doc.paragraphs.push(Paragraph { span, kind });
        }
        Some(doc)
    }

    /// `eval temporal` reads time expressions through the time-only path; it must find what the
    /// whole analysis finds (only the role, which comes from mentions, may differ).
    #[test]
    fn the_time_only_path_finds_what_the_whole_analysis_finds() {
        let time = crate::TimeResources::builtin().expect("built-in data files compile");
        let text = "Col. Ana Ruiz of the U.S. Navy said on Dec. 26 that the boat was seized two \
                    nights earlier. \u{201c}We will return next week,\u{201d} she said Tuesday. \
                    Profit in the third quarter rose 5% from a year earlier, the company said \
                    in a report for the year ended June 30. It plans to sell shares in \
                    January, and each week since 1988 it has paid $1.76 a year.";
        let mut docs = vec![document(text, Some(date(1989, 11, 2))), document(text, None)];
        docs.extend(seed_document(Some(date(2025, 12, 30))));
        for doc in &docs {
            let key = |e: &TimeExpression| {
                (e.span, e.timex_type, e.value.clone(), e.rule_id.clone(), e.text.clone())
            };
            let whole: Vec<_> =
                crate::analyze(doc, resources()).time_expressions.iter().map(key).collect();
            let alone: Vec<_> = crate::time_expressions(doc, &time).iter().map(key).collect();
            assert!(alone.len() >= 4, "too few expressions to compare: {alone:?}");
            assert_eq!(alone, whole, "published {:?}", doc.published);
        }
    }

    fn sentence_of<'a>(
        analysis: &'a corroborate_model::Analysis,
        doc: &'a Document,
        m: &EventMention,
    ) -> &'a str {
        analysis
            .sentences
            .iter()
            .find(|s| s.index == m.sentence)
            .and_then(|s| s.span.slice(&doc.text))
            .unwrap_or_default()
    }

    #[test]
    fn the_seed_reads_as_designed() {
        let Some(doc) = seed_document(Some(date(2025, 12, 30))) else { return };
        let analysis = crate::analyze(&doc, resources());
        let find = |needle: &str| {
            analysis.mentions.iter().find(|m| sentence_of(&analysis, &doc, m).contains(needle))
        };
        let has_actor = |m: &EventMention, name: &str, role: ActorRole| {
            m.actors.iter().any(|a| a.name == name && a.role == role)
        };

        let headline = find("CIA Conducts Drone Strike").expect("headline mention");
        assert_eq!(headline.event_type, Some(EventType::AirOrDroneStrike));
        assert!(has_actor(headline, "CIA", ActorRole::Perpetrator), "{:?}", headline.actors);
        assert_eq!(headline.specificity, Specificity::Specific);

        let operation = find("UAV operation").expect("operation mention");
        assert_eq!(operation.event_type, Some(EventType::AirOrDroneStrike));
        assert_eq!(operation.time.earliest, Some(date(2025, 12, 1)));
        assert_eq!(operation.time.latest, Some(date(2025, 12, 30)));
        assert_eq!(operation.time.precision, TimePrecision::Month);
        assert!(
            has_actor(operation, "U.S. intelligence", ActorRole::Perpetrator),
            "{:?}",
            operation.actors
        );
        let place = operation.place.as_ref().expect("operation place");
        assert_eq!(
            (place.country_code.as_deref(), place.precision),
            (Some("VE"), PlacePrecision::Country)
        );

        let trump = find("Dec 26").expect("Trump mention");
        assert_eq!(trump.time.latest, Some(date(2025, 12, 26)));
        assert_eq!(trump.target_object.as_ref().map(|t| t.category.as_str()), Some("dock"));
        let place = trump.place.as_ref().expect("Trump place");
        assert_eq!(
            (place.setting, place.setting_from),
            (Setting::Land, Some(SettingDerivation::TargetType))
        );

        let target = find("Tren de Aragua").expect("target mention");
        assert!(has_actor(target, "Tren de Aragua", ActorRole::Target), "{:?}", target.actors);

        let empty = find("reportedly empty").expect("casualty mention");
        let figures: Vec<String> = empty.casualties.iter().map(casualties::describe).collect();
        assert!(figures.contains(&"killed civilian 0-0".to_string()), "{figures:?}");
        assert!(figures.contains(&"injured civilian 0-0".to_string()), "{figures:?}");
        assert!(figures.contains(&"killed unknown 0-0 inferred".to_string()), "{figures:?}");

        let suggested = find("Two sources initially suggested").expect("supporter mention");
        assert!(has_actor(suggested, "U.S. Special Operations Command", ActorRole::Supporter));
        assert!(!suggested.negated);
        let denial = find("did not participate").expect("denial mention");
        assert!(denial.negated);
        assert!(has_actor(denial, "U.S. Special Operations Command", ActorRole::Supporter));

        let campaign = find("multiple maritime interdictions").expect("campaign mention");
        assert_eq!(campaign.specificity, Specificity::Aggregate);
        if let Some(legal) = find("unverified strikes") {
            assert_eq!(legal.specificity, Specificity::Generic);
            // The legal remark may carry a setting, but "Washington" locates its speakers.
            assert!(
                legal.place.as_ref().map(|p| p.name.is_none()).unwrap_or(true),
                "{:?}",
                legal.place
            );
        }
        for m in &analysis.mentions {
            assert_eq!(m.id, MentionId::for_claim(&m.claim));
        }
    }

    #[test]
    fn the_seed_without_a_publication_date_guesses_no_year() {
        let Some(doc) = seed_document(None) else { return };
        let analysis = crate::analyze(&doc, resources());
        let expressions: Vec<&TimeExpression> =
            analysis.mentions.iter().flat_map(|m| &m.time.expressions).collect();
        let dec26 = expressions.iter().find(|e| e.text.contains("Dec 26")).expect("Dec 26 found");
        assert_eq!(dec26.value.as_deref(), Some("XXXX-12-26"));
        for m in &analysis.mentions {
            assert_eq!((m.time.earliest, m.time.latest), (None, None), "{:?}", m.time);
        }
        assert!(analysis.diagnostics.iter().any(|d| d.code == "time_without_publication_date"));
    }

    proptest::proptest! {
        #[test]
        fn any_text_is_read_without_panics_and_spans_slice(text in "\\PC{0,300}", cut in 0usize..300) {
            let doc = document(&text, Some(date(2025, 12, 30)));
            let mut end = cut.min(text.len());
            while !text.is_char_boundary(end) {
                end -= 1;
            }
            let mut claims = vec![claim_over(&doc, Span::new(0, text.len()))];
            if end > 0 {
                claims.push(claim_over(&doc, Span::new(0, end)));
            }
            let sentence = Sentence { index: 0, span: Span::new(0, text.len()), paragraph: 0 };
            let mentions = find_events(&doc, &[sentence], &claims, lexicon()).mentions;
            for m in mentions {
                let mut spans: Vec<Span> = m.trigger.into_iter().collect();
                spans.extend(m.actors.iter().map(|a| a.span));
                spans.extend(m.casualties.iter().map(|c| c.span));
                spans.extend(m.target_object.iter().map(|t| t.span));
                spans.extend(m.place.iter().filter_map(|p| p.span));
                spans.extend(m.time.expressions.iter().map(|e| e.span));
                for span in spans {
                    proptest::prop_assert!(span.slice(&text).is_some(), "{span:?} in {text:?}");
                }
            }
        }
    }

    fn claim_over(doc: &Document, content: Span) -> Claim {
        let mut c = claim(doc, None, None, "");
        c.content = vec![content];
        c.id = ClaimId::derive(&doc.id, 0, &c.content, None);
        c
    }
}
