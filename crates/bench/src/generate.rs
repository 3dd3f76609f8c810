//! A generator of analysed reports for measuring resolve at scale.
//!
//! With a fixed seed it writes the same corpus every time: incidents spread over five years
//! (2021–2025) and 150 countries, 30% of them at sea; each reported by about three outlets
//! (one to five reports), and one report in ten a syndicated copy of another report of the same
//! incident (same text but for one word, another publisher). Every report is one
//! [`ResolveDocument`], the slim form the store hands resolve, holding one outlet claim and one
//! specific event mention in the shape analyze produces, and the syndication group ingest
//! would have stored (found with the same MinHash and Jaccard test), so `resolve` sees what it
//! sees in production: groups, places to compare, times, actors, targets and casualty figures.
//! Texts are drawn from a synthetic vocabulary and live only while their incident is
//! generated ([`generate_analyzed`] keeps them, for a database): they are not news text and
//! must not be read as such.

use std::collections::HashMap;

use chrono::{Duration, NaiveDate};
use corroborate_model::minhash::{jaccard, shingles, Signature, N_BANDS};
use corroborate_model::{
    ActorMention, ActorRole, Analysis, AnalyzedDocument, CasualtyGroup, CasualtyKind,
    CasualtyMention, Claim, ClaimForm, ClaimId, DateProvenance, Document, DocumentId, EventMention,
    EventType, MentionId, Paragraph, ParagraphKind, Place, PlacePrecision, ResolveClaim,
    ResolveDocument, Sentence, Setting, Source, SourceKind, Span, Specificity, Stance,
    TargetObject, TimeInterval, TimePrecision, PIPELINE_VERSION,
};
use corroborate_resolve::ResolveSettings;

/// Countries the generated incidents happen in.
pub const N_COUNTRIES: usize = 150;
/// Named sea areas for incidents at sea.
const N_SEAS: usize = 40;
/// Towns per country.
const TOWNS_PER_COUNTRY: usize = 60;
/// Days in the five years 2021–2025.
const N_DAYS: i64 = 1826;
/// Words per report text.
const WORDS_PER_TEXT: usize = 40;
/// Size of the synthetic vocabulary.
const VOCABULARY: u64 = 20_000;
/// Outlets.
const N_OUTLETS: u64 = 400;
/// Perpetrators to draw from.
const N_ACTORS: u64 = 300;
const TARGETS: [&str; 8] =
    ["vessel", "dock", "vehicle", "house", "checkpoint", "camp", "warehouse", "airstrip"];
const TYPES: [EventType; 9] = [
    EventType::AirOrDroneStrike,
    EventType::StrikeOnVessel,
    EventType::MaritimeInterdiction,
    EventType::ShellingOrMissile,
    EventType::GroundRaid,
    EventType::ArmedClash,
    EventType::RemoteExplosive,
    EventType::SeizureOrArrest,
    EventType::ExplosionUnknownCause,
];

/// splitmix64: small, fast and fully determined by its seed.
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    /// A generator starting from `seed`.
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (`n` > 0).
    pub fn below(&mut self, n: u64) -> u64 {
        self.next_u64() % n.max(1)
    }

    /// True with probability `p`.
    pub fn chance(&mut self, p: f64) -> bool {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64 <= p
    }
}

/// Where one generated incident happened.
#[derive(Debug, Clone)]
struct Scene {
    event_type: EventType,
    day: NaiveDate,
    place: Place,
    perpetrator: String,
    target: &'static str,
    killed: u32,
}

fn country_code(i: usize) -> String {
    let letters = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    format!("{}{}", letters[i / 26] as char, letters[i % 26] as char)
}

fn scene(rng: &mut Rng, start: NaiveDate) -> Scene {
    let day = start + Duration::days(rng.below(N_DAYS as u64) as i64);
    let at_sea = rng.chance(0.3);
    let place = if at_sea {
        let sea = rng.below(N_SEAS as u64);
        Place {
            name: Some(format!("Sea area {sea}")),
            precision: PlacePrecision::SeaArea,
            setting: Setting::InternationalWaters,
            ..Place::default()
        }
    } else {
        let country = rng.below(N_COUNTRIES as u64) as usize;
        let town = rng.below(TOWNS_PER_COUNTRY as u64) as usize;
        // Countries on a grid of 10° cells, towns spread over the cell.
        let lat = -50.0 + (country / 15) as f64 * 10.0 + (town % 8) as f64 * 1.2;
        let lon = -170.0 + (country % 15) as f64 * 22.0 + (town / 8) as f64 * 2.5;
        Place {
            name: Some(format!("Town {country}-{town}")),
            country_code: Some(country_code(country)),
            lat: Some(lat),
            lon: Some(lon),
            precision: PlacePrecision::Exact,
            setting: Setting::Land,
            ..Place::default()
        }
    };
    let event_type = if at_sea {
        [EventType::StrikeOnVessel, EventType::MaritimeInterdiction][rng.below(2) as usize]
    } else {
        TYPES[rng.below(TYPES.len() as u64) as usize]
    };
    Scene {
        event_type,
        day,
        place,
        perpetrator: format!("Armed group {}", rng.below(N_ACTORS)),
        target: if at_sea { "vessel" } else { TARGETS[rng.below(TARGETS.len() as u64) as usize] },
        killed: rng.below(12) as u32,
    }
}

fn text(rng: &mut Rng) -> String {
    let mut words: Vec<String> = Vec::with_capacity(WORDS_PER_TEXT);
    for _ in 0..WORDS_PER_TEXT {
        words.push(format!("w{}", rng.below(VOCABULARY)));
    }
    words.join(" ")
}

/// One report of `scene` by `outlet` with `text`, published `delay` days after the event, in
/// the slim form resolve reads; the text only derives the ids.
fn report(
    scene: &Scene,
    outlet: u64,
    text: &str,
    published: NaiveDate,
    rng: &mut Rng,
) -> ResolveDocument {
    let id = DocumentId::from_raw(format!("{outlet}\n{published}\n{text}").as_bytes());
    let claim_id = ClaimId::derive(&id, 0, &[Span::new(0, text.len())], None);
    // One report in five gives a window of days rather than the day.
    let time = if rng.chance(0.2) {
        TimeInterval {
            earliest: Some(scene.day - Duration::days(2)),
            latest: Some(scene.day + Duration::days(1)),
            precision: TimePrecision::Days,
            expressions: Vec::new(),
        }
    } else {
        TimeInterval {
            earliest: Some(scene.day),
            latest: Some(scene.day),
            precision: TimePrecision::Day,
            expressions: Vec::new(),
        }
    };
    let casualties = if rng.chance(0.5) {
        let killed = scene.killed + rng.below(2) as u32;
        vec![CasualtyMention {
            kind: CasualtyKind::Killed,
            group: CasualtyGroup::Unknown,
            min: Some(killed),
            max: Some(killed),
            inferred: false,
            span: Span::new(0, 1),
        }]
    } else {
        Vec::new()
    };
    let mention = EventMention {
        id: MentionId::for_claim(&claim_id),
        document: id.clone(),
        claim: claim_id.clone(),
        sentence: 0,
        event_type: Some(scene.event_type),
        trigger: None,
        specificity: Specificity::Specific,
        negated: false,
        time,
        place: Some(scene.place.clone()),
        actors: vec![ActorMention {
            name: scene.perpetrator.clone(),
            actor_id: None,
            role: ActorRole::Perpetrator,
            span: Span::new(0, 1),
        }],
        target_object: Some(TargetObject { category: scene.target.into(), span: Span::new(0, 1) }),
        casualties,
    };
    let claim = ResolveClaim {
        id: claim_id,
        sentence: 0,
        source: Source { kind: SourceKind::Outlet, ..Source::default() },
        co_sources: Vec::new(),
        stance: Stance::Asserts,
        in_headline: false,
    };
    ResolveDocument {
        id,
        publisher: Some(format!("Outlet {outlet}")),
        published: Some(published),
        syndication_group: None,
        claims: vec![claim],
        mentions: vec![mention],
    }
}

/// The whole analysed report behind a generated slim one: its text as the one body
/// paragraph and sentence, and its claim as the outlet's narration of the whole text.
fn analyzed(doc: ResolveDocument, text: String) -> AnalyzedDocument {
    let end = text.len();
    let claims = doc
        .claims
        .into_iter()
        .map(|claim| Claim {
            id: claim.id,
            document: doc.id.clone(),
            sentence: claim.sentence,
            source: claim.source,
            co_sources: claim.co_sources,
            cue: None,
            stance: claim.stance,
            form: ClaimForm::Narration,
            construction: "generated".into(),
            rule_id: "generated".into(),
            content: vec![Span::new(0, end)],
            embedded_in: None,
            in_headline: claim.in_headline,
        })
        .collect();
    AnalyzedDocument {
        document: Document {
            id: doc.id,
            origin: String::new(),
            url: None,
            title: None,
            publisher: doc.publisher,
            author: None,
            published: doc.published,
            published_from: DateProvenance::Cli,
            language: Some("en".into()),
            text,
            paragraphs: vec![Paragraph { span: Span::new(0, end), kind: ParagraphKind::Body }],
            syndication_group: doc.syndication_group,
        },
        analysis: Analysis {
            pipeline_version: PIPELINE_VERSION,
            sentences: vec![Sentence { index: 0, span: Span::new(0, end), paragraph: 0 }],
            claims,
            mentions: doc.mentions,
            time_expressions: Vec::new(),
            diagnostics: Vec::new(),
        },
    }
}

/// Puts the near-copies among the reports of one incident in one syndication group the way
/// ingest does it (MinHash band keys as candidates, then word-shingle Jaccard similarity at the
/// default threshold), keyed by the report `first_key` gives. Copies are only ever made of
/// reports of the same incident, and unrelated random texts are never near-duplicates, so
/// grouping incident by incident gives the groups a search over the whole corpus would.
fn group_copies(texts: &[String], reports: &mut [ResolveDocument]) {
    let threshold = ResolveSettings::default().near_duplicate_threshold;
    let shingle_sets: Vec<_> = texts.iter().map(|t| shingles(t)).collect();
    let band_keys: Vec<Option<[u64; N_BANDS]>> =
        shingle_sets.iter().map(|s| Signature::of(s).map(|sig| sig.band_keys())).collect();
    // Union-find over at most five reports: the lowest index is the root.
    let mut root: Vec<usize> = (0..texts.len()).collect();
    for b in 1..texts.len() {
        for a in 0..b {
            let (Some(keys_a), Some(keys_b)) = (&band_keys[a], &band_keys[b]) else { continue };
            let share_a_band = keys_a.iter().zip(keys_b).any(|(x, y)| x == y);
            if share_a_band && jaccard(&shingle_sets[a], &shingle_sets[b]) >= threshold {
                let (ra, rb) = (root[a], root[b]);
                let (low, high) = (ra.min(rb), ra.max(rb));
                root.iter_mut().filter(|r| **r == high).for_each(|r| *r = low);
            }
        }
    }
    for (i, &r) in root.iter().enumerate() {
        if root.iter().filter(|&&x| x == r).count() >= 2 {
            reports[i].syndication_group = Some(format!("g{}", reports[r].id));
        }
    }
}

/// About `n_mentions` reports (one mention each) in publication order, the same for the same
/// `seed`, each with its text when `keep_texts`. Returns the reports and the number of
/// incidents generated.
fn generate_reports(
    n_mentions: usize,
    seed: u64,
    keep_texts: bool,
) -> (Vec<(ResolveDocument, Option<String>)>, usize) {
    let mut rng = Rng::new(seed);
    let start = NaiveDate::from_ymd_opt(2021, 1, 1).unwrap_or_default();
    let mut out: Vec<(NaiveDate, u64, ResolveDocument, Option<String>)> =
        Vec::with_capacity(n_mentions + 8);
    let mut n_incidents = 0;
    while out.len() < n_mentions {
        let scene = scene(&mut rng, start);
        n_incidents += 1;
        // One to five reports, three on average; one in ten a syndicated copy.
        let n_reports = 1 + rng.below(5) as usize;
        let mut texts: Vec<String> = Vec::new();
        let mut reports: Vec<(NaiveDate, u64, ResolveDocument)> = Vec::new();
        for _ in 0..n_reports {
            let outlet = rng.below(N_OUTLETS);
            let published = scene.day + Duration::days(rng.below(4) as i64);
            let body = match texts.last() {
                Some(original) if rng.chance(0.1) => {
                    let mut words: Vec<&str> = original.split(' ').collect();
                    let replacement = format!("w{}", rng.below(VOCABULARY));
                    let at = rng.below(words.len() as u64) as usize;
                    words[at] = &replacement;
                    words.join(" ")
                }
                _ => text(&mut rng),
            };
            let key = rng.next_u64();
            reports.push((published, key, report(&scene, outlet, &body, published, &mut rng)));
            texts.push(body);
        }
        let mut docs: Vec<ResolveDocument> = Vec::with_capacity(reports.len());
        let mut order: Vec<(NaiveDate, u64)> = Vec::with_capacity(reports.len());
        for (published, key, doc) in reports {
            order.push((published, key));
            docs.push(doc);
        }
        group_copies(&texts, &mut docs);
        for (((published, key), doc), text) in order.into_iter().zip(docs).zip(texts) {
            out.push((published, key, doc, keep_texts.then_some(text)));
        }
    }
    out.sort_by_key(|(published, key, _, _)| (*published, *key));
    // Ingest names a group after its earliest-ingested member: rename the groups now that the
    // reports are in ingest (publication) order.
    let mut names: HashMap<String, String> = HashMap::new();
    for (_, _, doc, _) in &mut out {
        if let Some(key) = doc.syndication_group.take() {
            let name = names.entry(key).or_insert_with(|| format!("g{}", doc.id));
            doc.syndication_group = Some(name.clone());
        }
    }
    (out.into_iter().map(|(_, _, d, t)| (d, t)).collect(), n_incidents)
}

/// About `n_mentions` reports (one mention each) in the slim form resolve reads, in
/// publication order, the same for the same `seed`, with the syndication groups ingest would
/// have stored. Returns the reports and the number of incidents generated.
pub fn generate(n_mentions: usize, seed: u64) -> (Vec<ResolveDocument>, usize) {
    let (reports, n_incidents) = generate_reports(n_mentions, seed, false);
    (reports.into_iter().map(|(doc, _)| doc).collect(), n_incidents)
}

/// The same reports as [`generate`], as whole analysed documents with their texts, for
/// writing a database.
pub fn generate_analyzed(n_mentions: usize, seed: u64) -> (Vec<AnalyzedDocument>, usize) {
    let (reports, n_incidents) = generate_reports(n_mentions, seed, true);
    let documents =
        reports.into_iter().map(|(doc, text)| analyzed(doc, text.unwrap_or_default())).collect();
    (documents, n_incidents)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_seed_gives_the_same_corpus_of_the_asked_size() {
        let (a, n_a) = generate(300, 7);
        let (b, n_b) = generate(300, 7);
        assert_eq!(n_a, n_b);
        assert!(a.len() >= 300 && a.len() < 305);
        assert_eq!(a, b);
        // About three reports per incident.
        let per_incident = a.len() as f64 / n_a as f64;
        assert!((2.5..3.5).contains(&per_incident), "{per_incident}");
        let at_sea = a
            .iter()
            .filter(|d| {
                d.mentions[0].place.as_ref().map(|p| p.precision) == Some(PlacePrecision::SeaArea)
            })
            .count();
        assert!((50..130).contains(&at_sea), "{at_sea} of 300 at sea");
    }

    #[test]
    fn resolve_finds_about_the_generated_incidents() {
        let (docs, n_incidents) = generate(600, 11);
        let resolution =
            corroborate_resolve::resolve(docs, &corroborate_resolve::ResolveSettings::default());
        let found = resolution.incidents.len();
        // Unrelated incidents rarely share a town, a day and a perpetrator, so nearly all
        // generated incidents come out as they went in.
        assert!(
            found as f64 >= n_incidents as f64 * 0.95 && found <= n_incidents,
            "{found} incidents found, {n_incidents} generated"
        );
        assert!(!resolution.syndication_groups.is_empty());
    }

    #[test]
    fn the_groups_are_those_resolve_finds_in_the_texts() {
        let (slim, _) = generate(600, 11);
        let (whole, _) = generate_analyzed(600, 11);
        let mut unstored = whole.clone();
        unstored.iter_mut().for_each(|d| d.document.syndication_group = None);
        let settings = corroborate_resolve::ResolveSettings::default();
        let found = corroborate_resolve::resolve_analyzed(&unstored, &settings);
        assert_eq!(slim, whole.iter().map(ResolveDocument::from_analyzed).collect::<Vec<_>>());
        let given = corroborate_resolve::resolve(slim, &settings);
        assert!(!found.syndication_groups.is_empty());
        assert_eq!(given, found);
    }
}
