//! A realistic demo: the alliance's committees, member cities in their own
//! scripts, the Business Council and one edition with rooms.

use chrono::NaiveDate;
use sea_orm::{DatabaseConnection, EntityTrait, PaginatorTrait, TransactionTrait};

use app::audit::Actor;
use app::directory::entity::member;
use app::directory::service::{create_member, save_committee, save_council_member};
use app::directory::types::{
    CommitteeInput, CommitteeStatus, CouncilKind, CouncilMemberInput, MemberInput, MemberKind,
};
use app::editions::domain::NewEdition;
use app::editions::service::create_edition;
use app::editions::types::{EditionInput, EditionStatus, RoomInput};
use app::error::{AppError, ErrorCode};
use app::locale::Locale;
use app::programme::service::{publish_session, save_session};
use app::programme::types::{SessionForm, SessionText};
use app::registration::service::{create_invitation, save_settings};
use app::registration::types::SettingsForm;

/// The committees as the alliance lists them (../shared/context).
const COMMITTEES: &[(&str, &str, CommitteeStatus)] = &[
    ("Business Council", "Business", CommitteeStatus::Established),
    (
        "Education, Science and Culture",
        "Education",
        CommitteeStatus::Established,
    ),
    (
        "Sports and Outdoor Activity",
        "Sports",
        CommitteeStatus::Established,
    ),
    (
        "Smart Cities and Emerging Industries",
        "Technology",
        CommitteeStatus::Established,
    ),
    (
        "Investment and Trade",
        "Trade",
        CommitteeStatus::Established,
    ),
    ("Tourism", "Tourism", CommitteeStatus::Preparatory),
    (
        "Environmental Protection, Renewable Energy and Climate Change",
        "Environment",
        CommitteeStatus::Preparatory,
    ),
    ("Financial Markets", "Finance", CommitteeStatus::Preparatory),
    (
        "Information and Communications Technology",
        "Technology",
        CommitteeStatus::Preparatory,
    ),
    (
        "Logistics and Infrastructure",
        "Infrastructure",
        CommitteeStatus::Preparatory,
    ),
    (
        "Traditional Medicine and Health",
        "Health",
        CommitteeStatus::Preparatory,
    ),
    (
        "Green Industrial Development",
        "Industry",
        CommitteeStatus::Preparatory,
    ),
    (
        "Sustainable Urbanization",
        "Urban development",
        CommitteeStatus::Preparatory,
    ),
    (
        "Peace and Development",
        "Peace",
        CommitteeStatus::Preparatory,
    ),
];

/// Member cities: native name, Latin name, country.
const CITIES: &[(&str, &str, &str)] = &[
    ("泉州", "Quanzhou", "CN"),
    ("福州", "Fuzhou", "CN"),
    ("重庆", "Chongqing", "CN"),
    ("广州", "Guangzhou", "CN"),
    ("西安", "Xi'an", "CN"),
    ("釜山", "Busan", "KR"),
    ("長崎", "Nagasaki", "JP"),
    ("Hội An", "Hoi An", "VN"),
    ("กรุงเทพมหานคร", "Bangkok", "TH"),
    ("Melaka", "Malacca", "MY"),
    ("Surabaya", "Surabaya", "ID"),
    ("কক্সবাজার", "Cox's Bazar", "BD"),
    ("کراچی", "Karachi", "PK"),
    ("कोलकाता", "Kolkata", "IN"),
    ("කොළඹ", "Colombo", "LK"),
    ("Samarqand", "Samarkand", "UZ"),
    ("Алматы", "Almaty", "KZ"),
    ("اصفهان", "Isfahan", "IR"),
    ("مسقط", "Muscat", "OM"),
    ("دبي", "Dubai", "AE"),
    ("İstanbul", "Istanbul", "TR"),
    ("Αθήνα", "Athens", "GR"),
    ("Venezia", "Venice", "IT"),
    ("Valencia", "Valencia", "ES"),
    ("Lisboa", "Lisbon", "PT"),
    ("Duisburg", "Duisburg", "DE"),
    ("Łódź", "Lodz", "PL"),
    ("Казань", "Kazan", "RU"),
    ("Rotterdam", "Rotterdam", "NL"),
    ("الإسكندرية", "Alexandria", "EG"),
    ("Mombasa", "Mombasa", "KE"),
    ("Dar es Salaam", "Dar es Salaam", "TZ"),
    ("ጅቡቲ", "Djibouti", "DJ"),
    ("Lagos", "Lagos", "NG"),
    ("Casablanca", "Casablanca", "MA"),
];

/// Institutions: kind, native name, Latin name, country.
const INSTITUTIONS: &[(MemberKind, &str, &str, &str)] = &[
    (
        MemberKind::UnEntity,
        "United Nations Office for South-South Cooperation",
        "UNOSSC",
        "US",
    ),
    (
        MemberKind::ChamberOfCommerce,
        "泉州市工商业联合会",
        "Quanzhou Federation of Industry and Commerce",
        "CN",
    ),
    (
        MemberKind::University,
        "Universiti Malaya",
        "University of Malaya",
        "MY",
    ),
    (
        MemberKind::Company,
        "Port of Rotterdam",
        "Port of Rotterdam Authority",
        "NL",
    ),
];

/// Business Council: name, kind, organization, city (Latin name).
const COUNCIL: &[(&str, CouncilKind, &str, &str)] = &[
    (
        "Quanzhou Chamber of Commerce",
        CouncilKind::Group,
        "Chamber of commerce",
        "Quanzhou",
    ),
    (
        "Busan Chamber of Commerce and Industry",
        CouncilKind::Group,
        "Chamber of commerce",
        "Busan",
    ),
    (
        "Karachi Chamber of Commerce",
        CouncilKind::Group,
        "Chamber of commerce",
        "Karachi",
    ),
    (
        "Dubai Chamber",
        CouncilKind::Group,
        "Chamber of commerce",
        "Dubai",
    ),
    (
        "Lin Wei",
        CouncilKind::Individual,
        "Fujian Maritime Logistics Group",
        "Fuzhou",
    ),
    (
        "Aigerim Sultanova",
        CouncilKind::Individual,
        "Almaty Trade House",
        "Almaty",
    ),
    (
        "Kemal Aydın",
        CouncilKind::Individual,
        "Bosphorus Shipping",
        "Istanbul",
    ),
    (
        "Amina Said",
        CouncilKind::Individual,
        "Swahili Coast Ventures",
        "Mombasa",
    ),
    (
        "Chamber of Commerce of Iran (delegation)",
        CouncilKind::Observer,
        "Chamber of commerce",
        "Isfahan",
    ),
    (
        "Duisport",
        CouncilKind::Observer,
        "Inland port operator",
        "Duisburg",
    ),
];

/// The demo edition's programme: start and end (local time in Quanzhou),
/// type, room, committee, titles, interpretation, invitation only. Free of
/// clashes; the night walk crosses midnight.
type DemoSession = (
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    Option<&'static str>,
    &'static str,
    &'static str,
    &'static str,
    bool,
);

const PROGRAMME: &[DemoSession] = &[
    (
        "2027-11-02T09:00",
        "2027-11-02T10:30",
        "plenary",
        "Plenary Hall",
        None,
        "Opening plenary: cities of the Silk Road",
        "开幕全体会议：丝路城市",
        "en, zh, ar, ru",
        false,
    ),
    (
        "2027-11-02T11:00",
        "2027-11-02T12:30",
        "committee_meeting",
        "Harbour Room",
        Some("Logistics and Infrastructure"),
        "Logistics and Infrastructure Committee",
        "物流与基础设施专委会会议",
        "en, zh",
        false,
    ),
    (
        "2027-11-02T11:00",
        "2027-11-02T12:30",
        "committee_meeting",
        "Zayton Room",
        Some("Tourism"),
        "Tourism Committee (preparatory)",
        "旅游专委会（筹）",
        "en, zh, ru",
        false,
    ),
    (
        "2027-11-02T14:00",
        "2027-11-02T15:30",
        "business_council_meeting",
        "Plenary Hall",
        Some("Business Council"),
        "Business Council annual meeting",
        "企业理事会年会",
        "en, zh",
        false,
    ),
    (
        "2027-11-02T16:00",
        "2027-11-02T17:00",
        "signing_ceremony",
        "Signing Hall",
        None,
        "Signing of twinning agreements",
        "友好城市协议签约仪式",
        "en, zh, ar",
        false,
    ),
    (
        "2027-11-03T11:00",
        "2027-11-03T12:30",
        "plenary",
        "Plenary Hall",
        Some("Smart Cities and Emerging Industries"),
        "Plenary: smart cities and shared data",
        "全体会议：智慧城市与数据共享",
        "en, zh, ar, ru",
        false,
    ),
    (
        "2027-11-03T14:00",
        "2027-11-03T15:00",
        "bilateral",
        "Bilateral Room A",
        None,
        "Quanzhou–Busan bilateral",
        "泉州—釜山双边会谈",
        "zh, ko",
        true,
    ),
    (
        "2027-11-03T14:00",
        "2027-11-03T15:30",
        "side_event",
        "Silk Room",
        Some("Education, Science and Culture"),
        "Maritime heritage workshop",
        "海丝文化遗产工作坊",
        "en, zh",
        false,
    ),
    (
        "2027-11-03T20:00",
        "2027-11-04T00:30",
        "side_event",
        "",
        None,
        "Harbour night walk",
        "港口夜游",
        "",
        false,
    ),
    (
        "2027-11-04T09:00",
        "2027-11-04T10:30",
        "plenary",
        "Plenary Hall",
        None,
        "Closing plenary and Quanzhou declaration",
        "闭幕全体会议暨泉州宣言",
        "en, zh, ar, ru",
        false,
    ),
    (
        "2027-11-04T11:00",
        "2027-11-04T12:00",
        "signing_ceremony",
        "Signing Hall",
        None,
        "Signing of cooperation agreements",
        "合作协议签约仪式",
        "en, zh",
        false,
    ),
];

pub async fn is_empty(db: &DatabaseConnection) -> Result<bool, AppError> {
    let count = member::Entity::find().count(db).await?;
    Ok(count == 0)
}

/// A password for the first organizer: 20 characters from an alphabet
/// without look-alikes (no 0/O, 1/l/I).
pub fn generated_password() -> String {
    app::auth::service::readable_code(
        b"abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789",
        20,
    )
}

/// Loads everything in one transaction: all of it or nothing.
pub async fn load(db: &DatabaseConnection) -> Result<String, AppError> {
    if !is_empty(db).await? {
        return Err(AppError::Conflict(ErrorCode::DatabaseNotEmpty));
    }
    let txn = db.begin().await?;
    let mut committee_ids = std::collections::HashMap::new();
    for (name, sector, status) in COMMITTEES {
        let input = CommitteeInput {
            name: (*name).into(),
            sector: (*sector).into(),
            status: *status,
        };
        committee_ids.insert(
            *name,
            save_committee(&txn, &Actor::system("demo"), None, input)
                .await?
                .id,
        );
    }
    let mut host_city_id = None;
    let mut city_ids = std::collections::HashMap::new();
    for (native, latin, country) in CITIES {
        let input = MemberInput {
            kind: MemberKind::City,
            name_native: (*native).into(),
            name_latin: (*latin).into(),
            country: (*country).into(),
        };
        let city = create_member(&txn, &Actor::system("demo"), input).await?;
        if *latin == "Quanzhou" {
            host_city_id = Some(city.id);
        }
        city_ids.insert(*latin, city.id);
    }
    for (kind, native, latin, country) in INSTITUTIONS {
        let input = MemberInput {
            kind: *kind,
            name_native: (*native).into(),
            name_latin: (*latin).into(),
            country: (*country).into(),
        };
        create_member(&txn, &Actor::system("demo"), input).await?;
    }
    for (name, kind, organization, city) in COUNCIL {
        let input = CouncilMemberInput {
            name: (*name).into(),
            kind: *kind,
            organization: (*organization).into(),
            member_id: city_ids.get(city).copied(),
        };
        save_council_member(&txn, &Actor::system("demo"), None, input).await?;
    }
    let date = |m, d| NaiveDate::from_ymd_opt(2027, m, d).ok_or(AppError::Internal);
    let edition = NewEdition::parse(EditionInput {
        year: 2027,
        title: "Cities Forum 2027 · Quanzhou".into(),
        host_city_id: host_city_id.ok_or(AppError::Internal)?,
        venue: "Quanzhou Strait Convention and Exhibition Center".into(),
        start_date: date(11, 2)?,
        end_date: date(11, 4)?,
        time_zone: "Asia/Shanghai".into(),
        status: EditionStatus::RegistrationOpen,
    })?;
    let rooms = [
        ("Plenary Hall", Some(1200), "1", 6),
        ("Harbour Room", Some(200), "2", 3),
        ("Zayton Room", Some(120), "2", 2),
        ("Silk Room", Some(80), "3", 2),
        ("Signing Hall", Some(150), "1", 2),
        ("Bilateral Room A", Some(12), "3", 0),
        ("Bilateral Room B", Some(12), "3", 0),
    ]
    .into_iter()
    .map(|(name, capacity, floor, booths)| RoomInput {
        name: name.into(),
        capacity,
        floor: floor.into(),
        booths,
    })
    .collect();
    let edition = create_edition(&txn, &Actor::system("demo"), edition, rooms).await?;
    // Registration is open from September, by invitation or not; the
    // press has 40 places; two cities have invitation codes.
    let settings = SettingsForm {
        opens_on: "2026-09-01".into(),
        capacities: vec![("press".into(), "40".into())],
        ..Default::default()
    }
    .parse()?;
    save_settings(&txn, &Actor::system("demo"), edition.id, settings).await?;
    for (city, size) in [("Busan", 8), ("Alexandria", 6)] {
        let member = city_ids.get(city).copied().ok_or(AppError::Internal)?;
        create_invitation(&txn, &Actor::system("demo"), edition.id, member, Some(size)).await?;
    }
    for (start, end, kind, room, committee, title_en, title_zh, languages, invitation_only) in
        PROGRAMME
    {
        let room_id = edition
            .rooms
            .iter()
            .find(|r| r.name == *room)
            .map(|r| r.id.to_string())
            .unwrap_or_default();
        let title = |lang, title: &str| SessionText {
            lang,
            title: title.into(),
            description: String::new(),
        };
        let form = SessionForm {
            texts: vec![title(Locale::en, title_en), title(Locale::zh, title_zh)],
            kind: (*kind).into(),
            room_id,
            starts_at: (*start).into(),
            ends_at: (*end).into(),
            committee_id: committee
                .and_then(|c| committee_ids.get(c))
                .map(|id| id.to_string())
                .unwrap_or_default(),
            languages: (*languages).into(),
            invitation_only: *invitation_only,
            ..SessionForm::default()
        };
        let demo = Actor::system("demo");
        let saved = save_session(&txn, &demo, edition.id, None, &form, "").await?;
        publish_session(&txn, &demo, edition.id, saved.session.id, false).await?;
    }
    txn.commit().await?;
    Ok(format!(
        "Demo loaded: {} committees, {} member cities, {} institutions, {} Business Council members, 1 edition (2027, Quanzhou) with {} sessions.",
        COMMITTEES.len(),
        CITIES.len(),
        INSTITUTIONS.len(),
        COUNCIL.len(),
        PROGRAMME.len()
    ))
}
