//! Tests of [`crate::resolve`] and [`crate::resolve_analyzed`] over small hand-built analyses.

use chrono::NaiveDate;
use corroborate_model::{
    ActorMention, ActorRole, Analysis, AnalyzedDocument, CasualtyGroup, CasualtyKind,
    CasualtyMention, Claim, ClaimForm, ClaimId, DateProvenance, Document, DocumentId, EventMention,
    EventType, FactAttribute, FactStatus, IncidentGrade, MentionId, Place, PlacePrecision,
    Resolution, ResolveDocument, Sentence, Setting, Source, SourceKind, Span, Specificity, Stance,
    TargetObject, TimeInterval, TimePrecision,
};

use crate::{resolve, resolve_analyzed, ResolveError, ResolveSettings, Resolver};

/// Builds one analysed document claim by claim.
struct DocBuilder {
    doc: AnalyzedDocument,
}

fn day(s: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").ok()
}

fn doc(raw: &str, publisher: &str, published: Option<&str>, text: &str) -> DocBuilder {
    let id = DocumentId::from_raw(raw.as_bytes());
    DocBuilder {
        doc: AnalyzedDocument {
            document: Document {
                id,
                origin: raw.to_string(),
                url: None,
                title: None,
                publisher: Some(publisher.to_string()),
                author: None,
                published: published.and_then(day),
                published_from: DateProvenance::Cli,
                language: Some("en".into()),
                text: text.to_string(),
                paragraphs: Vec::new(),
                syndication_group: None,
            },
            analysis: Analysis::default(),
        },
    }
}

fn outlet() -> Source {
    Source { kind: SourceKind::Outlet, surface: String::new(), ..Source::default() }
}

fn anonymous(words: &str) -> Source {
    Source { kind: SourceKind::Anonymous, surface: words.into(), ..Source::default() }
}

fn named(name: &str) -> Source {
    Source {
        kind: SourceKind::NamedPerson,
        name: Some(name.into()),
        surface: name.into(),
        ..Source::default()
    }
}

fn actor(name: &str, role: ActorRole) -> ActorMention {
    ActorMention { name: name.into(), actor_id: None, role, span: Span::new(0, 1) }
}

fn country(name: &str, code: &str) -> Place {
    Place {
        name: Some(name.into()),
        country_code: Some(code.into()),
        precision: PlacePrecision::Country,
        setting: Setting::Land,
        ..Place::default()
    }
}

fn killed(min: u32, max: u32) -> CasualtyMention {
    CasualtyMention {
        kind: CasualtyKind::Killed,
        group: CasualtyGroup::Unknown,
        min: Some(min),
        max: Some(max),
        inferred: false,
        span: Span::new(0, 1),
    }
}

impl DocBuilder {
    /// Adds a claim in sentence `sentence` and returns its id.
    fn claim(
        &mut self,
        sentence: usize,
        source: Source,
        stance: Stance,
        in_headline: bool,
    ) -> ClaimId {
        let content = vec![Span::new(sentence * 100, sentence * 100 + 50)];
        let id = ClaimId::derive(&self.doc.document.id, sentence, &content, None);
        if !self.doc.analysis.sentences.iter().any(|s| s.index == sentence) {
            self.doc.analysis.sentences.push(Sentence {
                index: sentence,
                span: Span::new(sentence * 100, sentence * 100 + 99),
                paragraph: sentence,
            });
        }
        self.doc.analysis.claims.push(Claim {
            id: id.clone(),
            document: self.doc.document.id.clone(),
            sentence,
            source,
            co_sources: Vec::new(),
            cue: None,
            stance,
            form: ClaimForm::Indirect,
            construction: "test".into(),
            rule_id: "test/claim".into(),
            content,
            embedded_in: None,
            in_headline,
        });
        id
    }

    /// Adds a specific drone-strike mention made by `claim`; `edit` adjusts it.
    fn mention(&mut self, claim: &ClaimId, edit: impl FnOnce(&mut EventMention)) -> &mut Self {
        let sentence = self
            .doc
            .analysis
            .claims
            .iter()
            .find(|c| &c.id == claim)
            .map(|c| c.sentence)
            .unwrap_or_default();
        let mut mention = EventMention {
            id: MentionId::for_claim(claim),
            document: self.doc.document.id.clone(),
            claim: claim.clone(),
            sentence,
            event_type: Some(EventType::AirOrDroneStrike),
            trigger: None,
            specificity: Specificity::Specific,
            negated: false,
            time: TimeInterval {
                earliest: day("2025-12-01"),
                latest: day("2025-12-26"),
                precision: TimePrecision::Month,
                expressions: Vec::new(),
            },
            place: Some(country("Venezuela", "VE")),
            actors: Vec::new(),
            target_object: Some(TargetObject { category: "dock".into(), span: Span::new(0, 1) }),
            casualties: Vec::new(),
        };
        edit(&mut mention);
        self.doc.analysis.mentions.push(mention);
        self
    }

    /// A claim by the outlet with one default mention.
    fn reported(&mut self, sentence: usize, edit: impl FnOnce(&mut EventMention)) -> ClaimId {
        let claim = self.claim(sentence, outlet(), Stance::Asserts, false);
        self.mention(&claim, edit);
        claim
    }

    fn build(&self) -> AnalyzedDocument {
        self.doc.clone()
    }
}

/// Resolves `docs` whole, and checks on the way that [`Resolver`], fed the same reports one at
/// a time and reading their mentions again, gives the same resolution: every test of this file
/// is also a test of the streamed path the CLI takes.
fn run(docs: &[AnalyzedDocument]) -> Resolution {
    let settings = ResolveSettings::default();
    let whole = resolve_analyzed(docs, &settings);
    let streamed = streamed(&slim_with_text_groups(docs), &settings);
    assert_eq!(streamed, Ok(whole.clone()), "the streamed resolve differs from the whole one");
    whole
}

/// The slim forms of `docs` with the groups their texts form, as `resolve_analyzed` makes them.
fn slim_with_text_groups(docs: &[AnalyzedDocument]) -> Vec<ResolveDocument> {
    let keys = crate::syndication::group_keys_by_text(docs, 0.6);
    docs.iter()
        .zip(keys)
        .map(|(d, key)| ResolveDocument {
            syndication_group: key,
            ..ResolveDocument::from_analyzed(d)
        })
        .collect()
}

/// The claims and mentions of the report `id`, found in `slim`, as the store reads them back
/// from its tables.
fn parts_of(
    slim: &[ResolveDocument],
    id: &DocumentId,
) -> (Vec<corroborate_model::ResolveClaim>, Vec<EventMention>) {
    slim.iter()
        .find(|d| d.id == *id)
        .map(|d| (d.claims.clone(), d.mentions.clone()))
        .unwrap_or_default()
}

/// Resolves `slim` through [`Resolver`]: each report added in turn, its claims and mentions
/// read back from `slim` by id.
fn streamed(
    slim: &[ResolveDocument],
    settings: &ResolveSettings,
) -> Result<Resolution, ResolveError> {
    let mut resolver = Resolver::new(settings);
    for document in slim {
        resolver.add(document.clone());
    }
    resolver.finish(|document| Ok(parts_of(slim, document)))
}

fn fact<'r>(
    resolution: &'r Resolution,
    attribute: FactAttribute,
    value: &str,
) -> &'r corroborate_model::Fact {
    resolution.incidents[0]
        .facts
        .iter()
        .find(|f| f.attribute == attribute && f.value == value)
        .unwrap_or_else(|| {
            panic!("no fact {attribute} = {value} in {:#?}", resolution.incidents[0].facts)
        })
}

const TEXT_A: &str = "A drone struck a dock near the port early on Monday, residents said, and smoke rose over the harbour for hours.";
const TEXT_B: &str = "Officials in the capital confirmed an aerial attack on waterfront facilities this month while fishermen described loud explosions.";
const TEXT_C: &str = "A third outlet wrote its own account of the strike with different words entirely, citing harbour workers and local radio.";

fn report_a() -> DocBuilder {
    let mut a = doc("a", "Outlet A", Some("2025-12-28"), TEXT_A);
    a.reported(1, |m| m.actors.push(actor("U.S. military", ActorRole::Perpetrator)));
    a
}

fn report_b() -> DocBuilder {
    let mut b = doc("b", "Outlet B", Some("2025-12-29"), TEXT_B);
    b.reported(2, |m| m.actors.push(actor("U.S. military", ActorRole::Perpetrator)));
    b
}

#[test]
fn two_reports_of_one_incident_join_and_corroborate() {
    let resolution = run(&[report_a().build(), report_b().build()]);
    assert_eq!(resolution.incidents.len(), 1, "{resolution:#?}");
    let perpetrator = fact(&resolution, FactAttribute::Perpetrator, "U.S. military");
    assert_eq!(perpetrator.independent_sources, 2);
    assert_eq!(perpetrator.status, FactStatus::Corroborated);
    let incident = &resolution.incidents[0];
    assert_eq!(incident.grade, IncidentGrade::Fair, "{}", incident.grade_reason);
    assert_eq!(incident.documents.len(), 2);
    assert_eq!(incident.event_type, Some(EventType::AirOrDroneStrike));
    assert_eq!(incident.timeline.len(), 2);
    assert_eq!(incident.timeline[0].summary, "first report");
}

#[test]
fn a_syndicated_copy_does_not_raise_the_count() {
    let mut copy = doc("a-copy", "Wire Reprint", Some("2025-12-29"), TEXT_A);
    copy.reported(1, |m| m.actors.push(actor("U.S. military", ActorRole::Perpetrator)));
    let original = report_a().build();
    let resolution = run(&[original.clone(), copy.build()]);
    assert_eq!(resolution.syndication_groups.len(), 1);
    assert_eq!(resolution.syndication_groups[0].id, format!("g{}", original.document.id));
    assert_eq!(resolution.incidents.len(), 1);
    let perpetrator = fact(&resolution, FactAttribute::Perpetrator, "U.S. military");
    assert_eq!(perpetrator.independent_sources, 1);
    assert_eq!(perpetrator.status, FactStatus::SingleSource);
    assert_eq!(resolution.incidents[0].grade, IncidentGrade::Weak);
}

#[test]
fn a_denial_disputes_the_supporter_but_does_not_contest_the_incident() {
    let mut a = doc("seedlike", "Outlet A", Some("2025-12-30"), TEXT_A);
    a.reported(1, |_| {});
    let suggested = a.claim(4, anonymous("two sources"), Stance::Suggests, false);
    a.mention(&suggested, |m| {
        m.actors = vec![actor("U.S. Special Operations Forces", ActorRole::Supporter)]
    });
    let denied = a.claim(5, named("Allie Weiskopf"), Stance::Denies, false);
    a.mention(&denied, |m| {
        m.negated = true;
        m.actors = vec![actor("U.S. Special Operations Forces", ActorRole::Supporter)];
    });
    let declined =
        a.claim(6, anonymous("U.S. intelligence officials"), Stance::DeclinesToComment, false);
    let resolution = run(&[a.build()]);
    assert_eq!(resolution.incidents.len(), 1);
    let supporter = fact(&resolution, FactAttribute::Supporter, "U.S. Special Operations Forces");
    assert_eq!(supporter.status, FactStatus::Disputed);
    assert_eq!(supporter.support, vec![suggested]);
    assert_eq!(supporter.oppose, vec![denied]);
    let incident = &resolution.incidents[0];
    // Only a disputed perpetrator contests an incident; one outlet stays weak.
    assert_eq!(incident.grade, IncidentGrade::Weak, "{}", incident.grade_reason);
    assert_eq!(incident.contradictions.len(), 1);
    let declined_by = fact(&resolution, FactAttribute::DeclinedBy, "U.S. intelligence officials");
    assert_eq!(declined_by.status, FactStatus::Unconfirmed);
    assert_eq!(declined_by.support, vec![declined]);
}

#[test]
fn same_day_in_different_countries_are_two_incidents() {
    let mut a = doc("ve", "Outlet A", Some("2025-12-28"), TEXT_A);
    a.reported(1, |m| {
        m.time.earliest = day("2025-12-20");
        m.time.latest = day("2025-12-20");
        m.actors.push(actor("U.S. military", ActorRole::Perpetrator));
    });
    let mut b = doc("co", "Outlet B", Some("2025-12-28"), TEXT_B);
    b.reported(1, |m| {
        m.time.earliest = day("2025-12-20");
        m.time.latest = day("2025-12-20");
        m.place = Some(country("Colombia", "CO"));
        m.actors.push(actor("U.S. military", ActorRole::Perpetrator));
    });
    let resolution = run(&[a.build(), b.build()]);
    assert_eq!(resolution.incidents.len(), 2);
}

#[test]
fn two_strikes_in_one_report_in_different_places_stay_two() {
    let mut a = doc("two", "Outlet A", Some("2025-12-28"), TEXT_A);
    a.reported(1, |m| {
        m.place = Some(Place { precision: PlacePrecision::Exact, ..country("Maracaibo", "VE") })
    });
    a.reported(2, |m| {
        m.place =
            Some(Place { precision: PlacePrecision::Exact, ..country("Puerto Cabello", "VE") })
    });
    assert_eq!(run(&[a.build()]).incidents.len(), 2);
}

#[test]
fn an_aggregate_mention_is_context() {
    let mut a = report_a();
    a.reported(7, |m| {
        m.specificity = Specificity::Aggregate;
        m.event_type = Some(EventType::MaritimeInterdiction);
    });
    let resolution = run(&[a.build()]);
    assert_eq!(resolution.incidents.len(), 1);
    assert_eq!(resolution.context.len(), 1);
    assert_eq!(resolution.context[0].specificity, Specificity::Aggregate);
    assert!(resolution.incidents[0].facts.iter().all(|f| f.value != "maritime_interdiction"));
}

#[test]
fn a_headline_that_names_what_the_body_does_not_is_flagged() {
    let mut a = doc("headline", "Outlet A", None, TEXT_A);
    let headline = a.claim(0, outlet(), Stance::Asserts, true);
    a.mention(&headline, |m| m.actors = vec![actor("CIA", ActorRole::Perpetrator)]);
    let body = a.claim(1, anonymous("U.S. officials"), Stance::Suggests, false);
    a.mention(&body, |m| m.actors = vec![actor("U.S. intelligence", ActorRole::Perpetrator)]);
    let resolution = run(&[a.build()]);
    let incident = &resolution.incidents[0];
    assert_eq!(incident.flags.len(), 1, "{:#?}", incident.flags);
    assert_eq!(incident.flags[0].code, "headline_overstates");
    assert!(incident.flags[0].message.contains("\"CIA\""));
    assert_eq!(incident.flags[0].claims, vec![headline]);
    assert_eq!(incident.grade, IncidentGrade::Weak);
    assert_eq!(incident.grade_reason, "one outlet; claims rest on anonymous sources");
}

#[test]
fn casualty_ranges_span_the_reports() {
    let mut a = report_a();
    a.reported(3, |m| m.casualties = vec![killed(3, 3)]);
    let mut b = report_b();
    b.reported(3, |m| m.casualties = vec![killed(4, 4)]);
    let resolution = run(&[a.build(), b.build()]);
    assert_eq!(resolution.incidents.len(), 1);
    let incident = &resolution.incidents[0];
    assert_eq!(
        (incident.casualties.killed.min, incident.casualties.killed.max),
        (Some(3), Some(4))
    );
    assert_eq!(fact(&resolution, FactAttribute::Killed, "3-3").independent_sources, 1);
    assert_eq!(fact(&resolution, FactAttribute::Killed, "4-4").independent_sources, 1);
    assert_eq!(incident.timeline[1].summary, "killed revised to 4");
    assert_eq!(incident.casualties.civilians_killed.min, None);
}

#[test]
fn acknowledgements_and_non_responses_attach_to_the_incident() {
    let mut a = report_a();
    let trump = a.claim(5, named("Donald Trump"), Stance::Confirms, false);
    let mut no_response = anonymous("the White House");
    no_response.name = Some("White House".into());
    no_response.kind = SourceKind::Organisation;
    let inquiry = a.claim(6, no_response, Stance::NoResponse, false);
    a.doc
        .analysis
        .claims
        .last_mut()
        .into_iter()
        .for_each(|c| c.co_sources.push(anonymous("Venezuelan ministries")));
    let resolution = run(&[a.build()]);
    let incident = &resolution.incidents[0];
    assert!(incident.claims.contains(&trump) && incident.claims.contains(&inquiry));
    assert_eq!(
        fact(&resolution, FactAttribute::AcknowledgedBy, "Donald Trump").status,
        FactStatus::Confirmed
    );
    assert_eq!(
        fact(&resolution, FactAttribute::NoResponseFrom, "Venezuelan ministries").status,
        FactStatus::Unconfirmed
    );
    // Trump is not the perpetrator named, so the grade is not "confirmed".
    assert_eq!(incident.grade, IncidentGrade::Weak);
}

#[test]
fn resolution_is_deterministic() {
    let docs = [report_a().build(), report_b().build()];
    assert_eq!(run(&docs), run(&docs));
}

#[test]
fn incident_ids_are_stable_when_a_report_is_added() {
    let before = run(&[report_a().build(), report_b().build()]);
    let mut c = doc("c", "Outlet C", Some("2025-12-31"), TEXT_C);
    c.reported(1, |m| m.actors.push(actor("U.S. military", ActorRole::Perpetrator)));
    let after = run(&[report_a().build(), report_b().build(), c.build()]);
    assert_eq!(after.incidents.len(), 1);
    assert_eq!(before.incidents[0].id, after.incidents[0].id);
    assert_eq!(after.incidents[0].documents.len(), 3);
    let founding = MentionId::for_claim(&report_a().build().analysis.claims[0].id);
    assert_eq!(after.incidents[0].id, corroborate_model::IncidentId::founded_by(&founding));
}

#[test]
fn invalid_settings_are_rejected() {
    let settings = ResolveSettings { near_duplicate_threshold: 1.5, ..ResolveSettings::default() };
    let message = settings.validate().err().map(|e| e.to_string()).unwrap_or_default();
    assert!(message.contains("near_duplicate_threshold"), "{message}");
    assert!(ResolveSettings::default().validate().is_ok());
}

#[test]
fn a_denial_published_on_its_own_opposes_the_incident_it_denies() {
    let mut denial = doc("denial", "Outlet C", Some("2025-12-31"), TEXT_C);
    let claim = denial.claim(1, named("Pentagon spokesperson"), Stance::Denies, false);
    denial.mention(&claim, |m| {
        m.negated = true;
        m.actors = vec![actor("U.S. military", ActorRole::Perpetrator)];
    });
    let resolution = run(&[report_a().build(), denial.build()]);
    assert_eq!(resolution.incidents.len(), 1);
    assert!(resolution.context.is_empty());
    let perpetrator = fact(&resolution, FactAttribute::Perpetrator, "U.S. military");
    assert_eq!(perpetrator.status, FactStatus::Disputed);
    assert_eq!(resolution.incidents[0].grade, IncidentGrade::Contested);
    assert_eq!(resolution.incidents[0].timeline[1].summary, "denial by Pentagon spokesperson");
}

#[test]
fn documents_grouped_upstream_count_as_one_source() {
    let mut a = report_a().build();
    let mut b = report_b().build();
    a.document.syndication_group = Some("wire-1".into());
    b.document.syndication_group = Some("wire-1".into());
    let resolution = run(&[a, b]);
    assert_eq!(resolution.syndication_groups.len(), 1);
    assert_eq!(
        fact(&resolution, FactAttribute::Perpetrator, "U.S. military").independent_sources,
        1
    );
}

#[test]
fn the_slim_form_with_the_groups_of_ingest_resolves_as_the_whole_analyses() {
    let a = report_a().build();
    let b = report_b().build();
    let mut copy = doc("a-copy", "Wire Reprint", Some("2025-12-29"), TEXT_A);
    copy.reported(1, |m| m.actors.push(actor("U.S. military", ActorRole::Perpetrator)));
    let docs = [a, b, copy.build()];
    let whole = run(&docs);
    assert_eq!(whole.syndication_groups.len(), 1, "the copy is found by its text");

    // The store hands resolve the slim form, with the group ingest stored.
    let group = &whole.syndication_groups[0];
    let slim: Vec<ResolveDocument> = docs
        .iter()
        .map(|d| ResolveDocument {
            syndication_group: group.documents.contains(&d.document.id).then(|| group.id.clone()),
            ..ResolveDocument::from_analyzed(d)
        })
        .collect();
    assert_eq!(resolve(slim, &ResolveSettings::default()), whole);

    // Without the group, the slim form does not look for copies: the copy is another outlet.
    let ungrouped: Vec<ResolveDocument> = docs.iter().map(ResolveDocument::from_analyzed).collect();
    assert!(resolve(ungrouped, &ResolveSettings::default()).syndication_groups.is_empty());
}

fn town(name: &str, admin1: &str, code: &str) -> Place {
    Place {
        name: Some(name.into()),
        country_code: Some(code.into()),
        admin1: Some(admin1.into()),
        precision: PlacePrecision::Near,
        setting: Setting::Land,
        ..Place::default()
    }
}

fn on(date: &str) -> TimeInterval {
    TimeInterval {
        earliest: day(date),
        latest: day(date),
        precision: TimePrecision::Day,
        expressions: Vec::new(),
    }
}

fn civilians(min: u32, max: u32) -> CasualtyMention {
    CasualtyMention { group: CasualtyGroup::Civilian, ..killed(min, max) }
}

fn organisation(name: &str) -> Source {
    Source {
        kind: SourceKind::Organisation,
        name: Some(name.into()),
        surface: name.into(),
        ..Source::default()
    }
}

#[test]
fn a_report_names_a_town_its_region_and_a_partner_country_yet_is_one_incident() {
    let mut a = doc("zulia", "Outlet A", Some("2025-11-11"), TEXT_A);
    a.reported(0, |m| {
        m.place = Some(Place { precision: PlacePrecision::Region, ..country("Zulia", "VE") });
        m.time = TimeInterval::default();
    });
    a.reported(1, |m| {
        m.place = Some(town("Machiques", "Zulia", "VE"));
        m.time = on("2025-11-09");
    });
    // "Colombian intelligence helped": a country that names a party, not where it happened.
    a.reported(2, |m| {
        m.event_type = None;
        m.place = Some(country("Colombia", "CO"));
    });
    let resolution = run(&[a.build()]);
    assert_eq!(resolution.incidents.len(), 1);
    let place = &resolution.incidents[0].place;
    assert_eq!(place.name.as_deref(), Some("Machiques"));
    assert_eq!(place.precision, PlacePrecision::Near);
    assert_eq!(place.country_code.as_deref(), Some("VE"));
}

#[test]
fn a_later_report_a_day_off_joins_and_the_majority_day_wins() {
    let at = |raw: &str, publisher: &str, date: &str| {
        let mut d = doc(raw, publisher, Some("2025-10-07"), TEXT_B);
        d.reported(1, |m| {
            m.event_type = Some(EventType::MaritimeInterdiction);
            m.time = on(date);
            m.actors.push(actor("U.S. Coast Guard", ActorRole::Perpetrator));
        });
        d.build()
    };
    let resolution = run(&[
        at("x", "Outlet X", "2025-10-02"),
        at("y", "Outlet Y", "2025-10-02"),
        at("z", "Outlet Z", "2025-10-03"),
    ]);
    assert_eq!(resolution.incidents.len(), 1);
    let incident = &resolution.incidents[0];
    assert_eq!(incident.time.earliest, day("2025-10-02"));
    assert_eq!(incident.time.latest, day("2025-10-02"));
    assert!(incident.flags.iter().any(|f| f.code == "time_conflict"));
}

#[test]
fn a_toll_and_a_stated_figure_make_a_closed_range() {
    let mut a = doc("raid", "Outlet A", Some("2025-11-21"), TEXT_A);
    a.reported(1, |m| m.casualties = vec![CasualtyMention { max: None, ..killed(5, 5) }]);
    a.reported(2, |m| m.casualties = vec![killed(6, 6)]);
    let resolution = run(&[a.build()]);
    let killed = resolution.incidents[0].casualties.killed;
    assert_eq!((killed.min, killed.max), (Some(5), Some(6)));
}

#[test]
fn the_acknowledging_side_denying_civilian_deaths_disputes_the_toll_not_the_strike() {
    let mut a = doc("rights", "Outlet A", Some("2025-12-04"), TEXT_A);
    let group = a.claim(1, organisation("Horn Civilian Harm Monitor"), Stance::Asserts, false);
    a.mention(&group, |m| {
        m.actors.push(actor("United States", ActorRole::Perpetrator));
        m.casualties = vec![civilians(3, 3)];
    });
    let command = a.claim(2, organisation("U.S. Africa Command"), Stance::Confirms, false);
    a.mention(&command, |m| m.casualties = vec![killed(3, 3)]);
    let denial = a.claim(3, organisation("U.S. Africa Command"), Stance::Denies, false);
    let resolution = run(&[a.build()]);
    assert_eq!(resolution.incidents.len(), 1);
    let toll = fact(&resolution, FactAttribute::CiviliansKilled, "3-3");
    assert_eq!(toll.status, FactStatus::Disputed);
    assert_eq!(toll.oppose, vec![denial]);
    let incident = &resolution.incidents[0];
    assert_eq!(incident.grade, IncidentGrade::Confirmed, "{}", incident.grade_reason);
    let range = incident.casualties.civilians_killed;
    assert_eq!((range.min, range.max), (Some(0), Some(3)));
}

#[test]
fn a_named_perpetrator_denying_its_part_contests_the_incident() {
    let mut a = doc("bomb", "Outlet A", Some("2025-11-26"), TEXT_A);
    let army = a.claim(1, organisation("Colombian military"), Stance::Asserts, false);
    a.mention(&army, |m| {
        m.event_type = Some(EventType::RemoteExplosive);
        m.place = Some(town("Saravena", "Arauca", "CO"));
        m.actors.push(actor("ELN", ActorRole::Perpetrator));
    });
    let denial = a.claim(2, organisation("ELN guerrilla group"), Stance::Denies, false);
    let resolution = run(&[a.build()]);
    let eln = fact(&resolution, FactAttribute::Perpetrator, "ELN");
    assert_eq!(eln.status, FactStatus::Disputed);
    assert_eq!(eln.oppose, vec![denial]);
    assert_eq!(resolution.incidents[0].grade, IncidentGrade::Contested);
    // A type nobody denied stays undisputed.
    assert_eq!(fact(&resolution, FactAttribute::Type, "remote_explosive").oppose.len(), 0);
}

#[test]
fn an_air_strike_on_a_boat_reported_both_ways_is_one_strike_on_a_vessel() {
    let at_sea = Place {
        name: Some("Caribbean Sea".into()),
        precision: PlacePrecision::SeaArea,
        setting: Setting::InternationalWaters,
        ..Place::default()
    };
    let report = |raw: &str, publisher: &str, event_type: EventType| {
        let mut d = doc(raw, publisher, Some("2025-10-15"), TEXT_C);
        let place = at_sea.clone();
        d.reported(1, move |m| {
            m.event_type = Some(event_type);
            m.place = Some(place);
            m.time = on("2025-10-14");
            m.actors.push(actor("U.S. military", ActorRole::Perpetrator));
        });
        d.build()
    };
    let resolution = run(&[
        report("p", "Outlet P", EventType::AirOrDroneStrike),
        report("q", "Outlet Q", EventType::StrikeOnVessel),
        report("r", "Outlet R", EventType::StrikeOnVessel),
    ]);
    assert_eq!(resolution.incidents.len(), 1);
    assert_eq!(resolution.incidents[0].event_type, Some(EventType::StrikeOnVessel));
}

#[test]
fn the_shipped_counting_rules_are_the_documented_defaults() {
    assert_eq!(ResolveSettings::builtin(), ResolveSettings::default());
    let file = crate::CountingFile::parse(crate::COUNTING_TOML).expect("counting.toml parses");
    assert!(file.examples.len() >= 4);
    let err = ResolveSettings::from_toml("[settings]\nsame_area_km = -1.0\n").expect_err("refused");
    assert!(err.to_string().contains("same_area_km"), "{err}");
    let err = ResolveSettings::from_toml("[settings]\nsame_area_miles = 3\n").expect_err("refused");
    assert!(err.to_string().contains("same_area_miles"), "{err}");
    let wider = ResolveSettings::from_toml("[settings]\nsame_area_km = 200.0\n").expect("valid");
    assert_eq!(wider, ResolveSettings { same_area_km: 200.0, ..ResolveSettings::default() });
}

/// One report from `outlet` of a strike at `at` by a shared perpetrator.
fn counting_report(outlet: &str, at: &crate::ExamplePlace) -> AnalyzedDocument {
    let date = at.date.to_string();
    let text = format!("{outlet} reports a drone strike in {} on {date}.", at.place);
    let mut report = doc(&format!("{outlet} {}", at.place), outlet, Some(&date), &text);
    report.reported(0, |m| {
        m.time = TimeInterval {
            earliest: Some(at.date),
            latest: Some(at.date),
            precision: TimePrecision::Day,
            expressions: Vec::new(),
        };
        m.place = Some(Place {
            name: Some(at.place.clone()),
            country_code: Some(at.country.clone()),
            lat: Some(at.lat),
            lon: Some(at.lon),
            precision: PlacePrecision::Exact,
            setting: Setting::Land,
            ..Place::default()
        });
        m.actors.push(actor("al-Shabaab", ActorRole::Target));
    });
    report.build()
}

#[test]
fn the_counting_rules_examples_hold() {
    let file = crate::CountingFile::parse(crate::COUNTING_TOML).expect("counting.toml parses");
    for example in &file.examples {
        let docs =
            [counting_report("Outlet A", &example.a), counting_report("Outlet B", &example.b)];
        let n = resolve_analyzed(&docs, &file.settings).incidents.len();
        let expected = match example.expect.as_str() {
            "one" => 1,
            "separate" => 2,
            other => panic!("{}: expect must be one or separate, not {other}", example.id),
        };
        assert_eq!(n, expected, "{} ({}): {n} incident(s)", example.id, example.description);
    }
}

#[test]
fn a_wider_same_area_radius_makes_neighbouring_towns_one_incident() {
    let file = crate::CountingFile::parse(crate::COUNTING_TOML).expect("counting.toml parses");
    let example = file
        .examples
        .iter()
        .find(|e| e.id == "counting/same-day-different-places")
        .expect("the example");
    let docs = [counting_report("Outlet A", &example.a), counting_report("Outlet B", &example.b)];
    let wide = ResolveSettings { same_area_km: 200.0, ..ResolveSettings::default() };
    assert_eq!(resolve_analyzed(&docs, &wide).incidents.len(), 1);
}

#[test]
fn the_streamed_resolve_reads_again_only_the_reports_of_incidents_once_each() {
    let settings = ResolveSettings::default();
    let mut aggregate = doc("agg", "Outlet C", Some("2025-12-30"), TEXT_C);
    aggregate.reported(1, |m| m.specificity = Specificity::Aggregate);
    let mut elsewhere = doc(
        "else",
        "Outlet D",
        Some("2025-12-28"),
        "Across the border a separate blast damaged a pier, according to the coast guard.",
    );
    elsewhere.reported(1, |m| m.place = Some(country("Colombia", "CO")));
    let docs = [report_a().build(), aggregate.build(), report_b().build(), elsewhere.build()];
    let slim = slim_with_text_groups(&docs);

    let mut resolver = Resolver::new(&settings);
    for document in &slim {
        resolver.add(document.clone());
    }
    let mut reads: Vec<DocumentId> = Vec::new();
    let streamed = resolver
        .finish(|document| {
            reads.push(document.clone());
            Ok::<_, ResolveError>(parts_of(&slim, document))
        })
        .expect("reading from memory cannot fail");
    assert_eq!(streamed, resolve(slim.clone(), &settings));
    assert_eq!(streamed.incidents.len(), 2, "{streamed:#?}");
    assert_eq!(streamed.context.len(), 1);
    // A and B form one incident, the other report another; the aggregate mention is context,
    // so its report is never read again. Each report is read once, in order of its incident.
    let expected: Vec<DocumentId> =
        [0, 2, 3].iter().map(|&i| docs[i].document.id.clone()).collect();
    assert_eq!(reads, expected);
}

#[test]
fn a_failed_or_changed_read_fails_the_streamed_resolve() {
    let settings = ResolveSettings::default();
    let slim = slim_with_text_groups(&[report_a().build(), report_b().build()]);
    let fill = |settings| {
        let mut resolver = Resolver::new(settings);
        for document in &slim {
            resolver.add(document.clone());
        }
        resolver
    };

    #[derive(Debug, PartialEq)]
    enum ReadError {
        Io,
        Resolve(ResolveError),
    }
    impl From<ResolveError> for ReadError {
        fn from(err: ResolveError) -> Self {
            ReadError::Resolve(err)
        }
    }
    let failed = fill(&settings).finish(|_| Err::<(Vec<_>, Vec<EventMention>), _>(ReadError::Io));
    assert_eq!(failed, Err(ReadError::Io));

    // A report that comes back with a mention more than it was clustered with.
    let changed = fill(&settings).finish(|document| {
        let (claims, mut mentions) = parts_of(&slim, document);
        mentions.push(mentions[0].clone());
        Ok::<_, ReadError>((claims, mentions))
    });
    let Err(ReadError::Resolve(ResolveError::ReportChanged { document, clustered, read })) =
        changed
    else {
        panic!("expected ReportChanged, got {changed:?}");
    };
    let claims = slim[0].claims.len();
    assert_eq!((document, clustered, read), (slim[0].id.to_string(), (claims, 1), (claims, 2)));
    // And one that comes back without a claim.
    let changed = fill(&settings).finish(|document| {
        let (mut claims, mentions) = parts_of(&slim, document);
        claims.pop();
        Ok::<_, ReadError>((claims, mentions))
    });
    assert!(
        matches!(changed, Err(ReadError::Resolve(ResolveError::ReportChanged { .. }))),
        "{changed:?}"
    );
}
