//! Small builders of model values for the store's tests: a report with a few claims, an
//! incident, a review. Values are made directly from the model structs, so the tests do not
//! depend on ingest or analyze.

use chrono::{NaiveDate, TimeZone, Utc};
use corroborate_model::{
    ActorMention, ActorRole, Analysis, Casualties, Claim, ClaimForm, ClaimId, Cue, DateProvenance,
    Diagnostic, Document, DocumentId, EventMention, EventType, Incident, IncidentGrade, IncidentId,
    MentionId, Paragraph, ParagraphKind, Place, PlacePrecision, Review, ReviewAction, Sentence,
    Setting, Source, SourceKind, Span, Specificity, Stance, TimeExpression, TimeInterval,
    TimePrecision, TimeRole, TimexType, PIPELINE_VERSION,
};

/// A report whose text is `text`, one body paragraph, no date.
pub(crate) fn document(text: &str) -> Document {
    Document {
        id: DocumentId::from_raw(text.as_bytes()),
        origin: format!("tests/{}.txt", &DocumentId::from_raw(text.as_bytes()).0[..4]),
        url: None,
        title: Some("Drone strike near a coastal port".into()),
        publisher: Some("Example Wire".into()),
        author: None,
        published: None,
        published_from: DateProvenance::None,
        language: Some("en".into()),
        text: text.into(),
        paragraphs: vec![Paragraph { span: Span::new(0, text.len()), kind: ParagraphKind::Body }],
        syndication_group: None,
    }
}

/// A claim of `doc` in sentence `sentence` by a source of `kind` whose surface is `surface`.
pub(crate) fn claim(
    doc: &Document,
    sentence: usize,
    kind: SourceKind,
    surface: &str,
    stance: Stance,
    form: ClaimForm,
) -> Claim {
    let content = vec![Span::new(sentence * 10, sentence * 10 + 5)];
    let cue_start = (form != ClaimForm::Narration).then_some(sentence * 10 + 6);
    Claim {
        id: ClaimId::derive(&doc.id, sentence, &content, cue_start),
        document: doc.id.clone(),
        sentence,
        source: Source {
            kind,
            name: (kind == SourceKind::NamedPerson).then(|| surface.to_string()),
            surface: surface.into(),
            span: None,
            ..Source::default()
        },
        co_sources: vec![],
        cue: cue_start
            .map(|start| Cue { text: "said".into(), spans: vec![Span::new(start, start + 4)] }),
        stance,
        form,
        construction: "sentence_final".into(),
        rule_id: "attribution/test".into(),
        content,
        embedded_in: None,
        in_headline: false,
    }
}

/// An event mention made by `claim`.
pub(crate) fn mention(claim: &Claim) -> EventMention {
    EventMention {
        id: MentionId::for_claim(&claim.id),
        document: claim.document.clone(),
        claim: claim.id.clone(),
        sentence: claim.sentence,
        event_type: Some(EventType::AirOrDroneStrike),
        trigger: Some(Span::new(0, 3)),
        specificity: Specificity::Specific,
        negated: false,
        time: TimeInterval::default(),
        place: None,
        actors: vec![ActorMention {
            name: "CIA".into(),
            actor_id: Some("us/cia".into()),
            role: ActorRole::Perpetrator,
            span: Span::new(0, 3),
        }],
        target_object: None,
        casualties: vec![],
    }
}

/// An analysis of `doc` holding `claims`, a mention for the first of them, one sentence per
/// claim and a diagnostic.
pub(crate) fn analysis(doc: &Document, claims: Vec<Claim>) -> Analysis {
    let sentences = claims
        .iter()
        .map(|c| Sentence { index: c.sentence, span: Span::new(0, doc.text.len()), paragraph: 0 })
        .collect();
    Analysis {
        pipeline_version: PIPELINE_VERSION,
        sentences,
        mentions: claims.first().map(mention).into_iter().collect(),
        claims,
        // One expression, so that round trips through the store cover the list.
        time_expressions: vec![TimeExpression {
            text: "last week".into(),
            span: Span::new(0, doc.text.len().min(9)),
            timex_type: TimexType::Date,
            value: None,
            role: TimeRole::Other,
            rule_id: "time/relative/last_week".into(),
        }],
        diagnostics: vec![Diagnostic {
            code: "skipped_repeated_headline".into(),
            message: "the headline appears twice".into(),
            span: None,
        }],
    }
}

/// A report with three claims: outlet narration, anonymous sources suggesting, a named
/// spokesperson denying.
pub(crate) fn seed_like(text: &str) -> (Document, Analysis) {
    let doc = document(text);
    let claims = vec![
        claim(&doc, 0, SourceKind::Outlet, "", Stance::Asserts, ClaimForm::Narration),
        claim(&doc, 1, SourceKind::Anonymous, "two sources", Stance::Suggests, ClaimForm::Indirect),
        claim(
            &doc,
            2,
            SourceKind::NamedPerson,
            "Col. Allie Weiskopf",
            Stance::Denies,
            ClaimForm::Indirect,
        ),
    ];
    let analysis = analysis(&doc, claims);
    (doc, analysis)
}

/// An incident with id `id`, graded `grade`, resting on `doc`.
pub(crate) fn incident(id: &str, grade: IncidentGrade, doc: &Document) -> Incident {
    Incident {
        id: IncidentId(id.into()),
        event_type: Some(EventType::AirOrDroneStrike),
        grade,
        grade_reason: "single outlet".into(),
        time: TimeInterval {
            earliest: NaiveDate::from_ymd_opt(2025, 12, 1),
            latest: NaiveDate::from_ymd_opt(2025, 12, 26),
            precision: TimePrecision::Month,
            expressions: vec![],
        },
        place: Place {
            name: Some("Venezuela".into()),
            country_code: Some("VE".into()),
            precision: PlacePrecision::Country,
            setting: Setting::Land,
            lat: Some(6.42),
            lon: Some(-66.58),
            ..Place::default()
        },
        casualties: Casualties::default(),
        facts: vec![],
        claims: vec![],
        documents: vec![doc.id.clone()],
        flags: vec![],
        contradictions: vec![],
        timeline: vec![],
    }
}

/// A review of `target` by an analyst.
pub(crate) fn review(target: &str, action: ReviewAction) -> Review {
    Review {
        id: 0,
        target: target.into(),
        action,
        other: None,
        reviewer: "analyst".into(),
        at: Utc.with_ymd_and_hms(2026, 1, 5, 9, 30, 0).single().unwrap_or_default(),
        note: "checked against the second report".into(),
    }
}
