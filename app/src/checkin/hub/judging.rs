//! Judging a scan: the badge's code against the roster, read from the
//! database when it is older than a moment.

use super::*;

/// Reads what a scan needs from the database and judges the badge (the
/// list is looked at when the scan is written).
pub(super) async fn judge_scan(
    db: &impl ConnectionTrait,
    roster: &Roster,
    device: &DeviceRef,
    request: ScanRequest,
) -> Result<Pending, AppError> {
    domain::check_client_id(&request.client_id)
        .map_err(|code| AppError::field("client_id", code))?;
    let (list_known, invitation_only) = match request.list {
        ListKey::Entry => (true, false),
        ListKey::Session(id) => match roster.sessions.get(&id) {
            Some((cancelled, invitation_only)) => (!cancelled, *invitation_only),
            None => (false, false),
        },
    };
    let (method, outcome, holder) = match request.registration_id {
        Some(registration_id) => {
            device.supervise()?;
            let holder = roster.people.get(&registration_id).cloned();
            let outcome = match &holder {
                None => ScanOutcome::UnknownRegistration,
                Some(r) if r.status == RegistrationStatus::Approved => ScanOutcome::Welcome,
                Some(_) => ScanOutcome::NotApproved,
            };
            (ScanMethod::Manual, outcome, holder)
        }
        None => {
            let text = request.code.as_deref().unwrap_or("");
            let (outcome, holder) = judge_code(db, roster, device.edition_id, text).await?;
            (ScanMethod::Code, outcome, holder)
        }
    };
    let outcome = if list_known {
        outcome
    } else {
        ScanOutcome::UnknownList
    };
    let has_place = match (&holder, request.list) {
        (Some(h), ListKey::Session(id)) if invitation_only && outcome == ScanOutcome::Welcome => {
            roster.places.contains(&(h.id, id))
        }
        _ => false,
    };
    Ok(Pending {
        client_id: request.client_id,
        list: request.list,
        staff: domain::staff_name(&request.staff),
        at: domain::scan_time(request.scanned_at, now()),
        method,
        outcome,
        holder,
        invitation_only,
        has_place,
        offline_light: request.offline_light,
    })
}

/// A badge's code judged for the edition: the outcome, and whose badge it
/// is when it is genuine.
pub(super) async fn judge_code(
    db: &impl ConnectionTrait,
    roster: &Roster,
    edition_id: i64,
    text: &str,
) -> Result<(ScanOutcome, Option<RosterRow>), AppError> {
    let Ok(read) = code::parse(text) else {
        return Ok((ScanOutcome::Unreadable, None));
    };
    let claim = read.claim;
    // Another edition's key or badge is not in the roster: asked for.
    let (key, signature_matches) = match roster.keys.get(&claim.key_id) {
        Some(k) => (
            Some(KeyState {
                edition_id: k.edition_id,
                revoked: k.revoked,
            }),
            k.verifying
                .as_ref()
                .is_some_and(|v| keys::signed_by(&read, v)),
        ),
        None => match find_key(db, claim.key_id).await? {
            Some(k) => (
                Some(KeyState {
                    edition_id: k.edition_id,
                    revoked: k.revoked_at.is_some(),
                }),
                keys::signature_matches(&read, &k.public_key),
            ),
            None => (None, false),
        },
    };
    // The holder matters only past the signature (`judge`'s order): a
    // forged code costs no lookup.
    let holder = match roster.people.get(&claim.registration_id) {
        Some(h) => Some(h.clone()),
        None if signature_matches => roster_row(db, claim.registration_id).await?,
        None => None,
    };
    let badge = judge(
        &claim,
        Some(edition_id),
        key,
        signature_matches,
        holder.as_ref().map(|h| HolderState {
            edition_id: h.edition_id,
            status: h.status,
            version: h.badge_version,
        }),
    );
    // Only a genuine badge says whose it is.
    let genuine = crate::badges::domain::genuine(badge);
    Ok((domain::outcome_of(badge), holder.filter(|_| genuine)))
}

/// Reads an edition's roster: every registration (the judgement needs the
/// refused too), keys, sessions and places, in five queries.
pub(super) async fn load_roster(
    db: &impl ConnectionTrait,
    edition_id: i64,
) -> Result<Roster, AppError> {
    let standing = standing();
    let people = roster_rows(db, edition_id)
        .await?
        .into_iter()
        .map(|r| (r.id, r))
        .collect();
    let keys = list_keys(db, edition_id)
        .await?
        .into_iter()
        .map(|k| {
            (
                k.id,
                CachedKey {
                    edition_id: k.edition_id,
                    revoked: k.revoked_at.is_some(),
                    verifying: keys::verifying_key(&k.public_key),
                },
            )
        })
        .collect();
    let sessions: HashMap<i64, (bool, bool)> = session::Entity::find()
        .filter(session::Column::EditionId.eq(edition_id))
        .all(db)
        .await?
        .into_iter()
        .map(|s| {
            (
                s.id,
                (s.status == SessionStatus::Cancelled, s.invitation_only),
            )
        })
        .collect();
    let places = places(db, sessions.keys().copied().collect()).await?;
    Ok(Roster {
        standing,
        loaded: Instant::now(),
        people,
        keys,
        sessions,
        places,
    })
}
