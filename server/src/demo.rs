//! A realistic demo: the alliance's committees, member cities in their own
//! scripts, the Business Council and one edition with rooms, a published
//! programme, and delegations from a dozen cities in every state of
//! review (with the letters they were sent waiting in the outbox and
//! sessions booked in their agendas), so every page has something true to
//! show on the first run.

use chrono::NaiveDate;
use sea_orm::{DatabaseConnection, EntityTrait, PaginatorTrait, TransactionTrait};

use app::audit::Actor;
use app::directory::entity::member;
use app::directory::service::{create_member, save_committee, save_council_member};
use app::directory::types::{
    CommitteeInput, CommitteeStatus, CouncilKind, CouncilMemberInput, MemberInput, MemberKind,
};
use app::editions::domain::NewEdition;
use app::editions::service::{create_edition, save_room_names};
use app::editions::types::{EditionInput, EditionStatus, RoomInput};
use app::error::{AppError, ErrorCode};
use app::locale::Locale;
use app::programme::service::add_to_agenda;
use app::programme::service::{publish_session, save_session};
use app::programme::types::{SessionForm, SessionText};
use app::registration::service::{create_invitation, decide, save_settings, submit_delegation};
use app::registration::types::{Decision, DelegationForm, PersonForm, SettingsForm};

/// The committees as the alliance lists them (../shared/context).
/// The demo edition's rooms as the host city's signs name them in the
/// other five languages (zh, ar, fr, ru, es). Zayton is Quanzhou's old
/// name; Arabic travellers called it Zaitun.
const ROOM_NAMES: &[(&str, [&str; 5])] = &[
    (
        "Plenary Hall",
        [
            "全体会议厅",
            "قاعة الجلسات العامة",
            "Salle plénière",
            "Пленарный зал",
            "Sala plenaria",
        ],
    ),
    (
        "Harbour Room",
        [
            "海港厅",
            "قاعة الميناء",
            "Salle du Port",
            "Зал «Гавань»",
            "Sala del Puerto",
        ],
    ),
    (
        "Zayton Room",
        [
            "刺桐厅",
            "قاعة الزيتون",
            "Salle Zayton",
            "Зал «Зайтон»",
            "Sala Zayton",
        ],
    ),
    (
        "Silk Room",
        [
            "丝绸厅",
            "قاعة الحرير",
            "Salle de la Soie",
            "Шёлковый зал",
            "Sala de la Seda",
        ],
    ),
    (
        "Signing Hall",
        [
            "签约厅",
            "قاعة التوقيع",
            "Salle des signatures",
            "Зал подписания",
            "Sala de firmas",
        ],
    ),
];

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

/// The demo edition's text for visitors.
const DEMO_INTRO: &str = "The alliance's annual Forum returns to Quanzhou, the Zayton of \
the maritime Silk Road: three days of plenaries, committee meetings, the Business \
Council and the signing of agreements between member cities.

Heads of delegation register their delegation here; the programme is published as \
sessions are confirmed.";

/// What happens to a demo registration after it is submitted.
#[derive(Clone, Copy)]
enum Fate {
    /// Left for a registrar to review.
    Waiting,
    Approve,
    Waitlist,
    Decline(&'static str),
    Cancel(&'static str),
}

/// A demo person: native name, Latin name, honorific, position, category,
/// languages, and what becomes of the registration.
type DemoPerson = (
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    Fate,
);

/// Demo delegations: city (Latin name), e-mail domain, whether it comes
/// with its invitation, the head first, then the members.
const DELEGATIONS: &[(&str, &str, bool, &[DemoPerson])] = &[
    (
        "Quanzhou",
        "quanzhou.example",
        false,
        &[
            (
                "林晓峰",
                "Lin Xiaofeng",
                "H.E.",
                "Mayor",
                "head_of_delegation",
                "zh, en",
                Fate::Approve,
            ),
            (
                "陈美玲",
                "Chen Meiling",
                "Ms",
                "Director, Foreign Affairs Office",
                "delegate",
                "zh, en",
                Fate::Approve,
            ),
            (
                "黄志强",
                "Huang Zhiqiang",
                "Mr",
                "Port Authority",
                "speaker",
                "zh",
                Fate::Approve,
            ),
        ],
    ),
    (
        "Busan",
        "busan.example",
        true,
        &[
            (
                "김민준",
                "Kim Min-jun",
                "H.E.",
                "Mayor",
                "head_of_delegation",
                "ko, en",
                Fate::Approve,
            ),
            (
                "이서연",
                "Lee Seo-yeon",
                "Ms",
                "International Relations",
                "delegate",
                "ko, en",
                Fate::Approve,
            ),
        ],
    ),
    (
        "Nagasaki",
        "nagasaki.example",
        false,
        &[
            (
                "田中 健一",
                "Tanaka Kenichi",
                "Mr",
                "Deputy Mayor",
                "head_of_delegation",
                "ja, en",
                Fate::Waiting,
            ),
            (
                "佐藤 美咲",
                "Sato Misaki",
                "Ms",
                "Tourism Bureau",
                "delegate",
                "ja",
                Fate::Waiting,
            ),
        ],
    ),
    (
        "Dubai",
        "dubai.example",
        false,
        &[
            (
                "أحمد المنصوري",
                "Ahmed Al Mansoori",
                "H.E.",
                "Director General",
                "head_of_delegation",
                "ar, en",
                Fate::Approve,
            ),
            (
                "فاطمة الشامسي",
                "Fatima Al Shamsi",
                "Dr",
                "Smart Dubai Office",
                "speaker",
                "ar, en",
                Fate::Approve,
            ),
        ],
    ),
    (
        "Karachi",
        "karachi.example",
        false,
        &[
            (
                "عمران حسین",
                "Imran Hussain",
                "Mr",
                "Administrator",
                "head_of_delegation",
                "ur, en",
                Fate::Approve,
            ),
            (
                "ثنا خان",
                "Sana Khan",
                "Ms",
                "Karachi Port Trust",
                "delegate",
                "ur, en",
                Fate::Decline("The delegation is limited to two people this year."),
            ),
        ],
    ),
    (
        "Athens",
        "athens.example",
        false,
        &[
            (
                "Γιώργος Παπαδόπουλος",
                "Georgios Papadopoulos",
                "Mr",
                "Deputy Mayor",
                "head_of_delegation",
                "el, en",
                Fate::Approve,
            ),
            (
                "Μαρία Νικολάου",
                "Maria Nikolaou",
                "Ms",
                "Culture Department",
                "delegate",
                "el, en",
                Fate::Cancel("Registered twice by mistake."),
            ),
        ],
    ),
    (
        "Almaty",
        "almaty.example",
        false,
        &[(
            "Ерлан Абдиев",
            "Yerlan Abdiyev",
            "Mr",
            "Akim's Office",
            "head_of_delegation",
            "kk, ru",
            Fate::Waiting,
        )],
    ),
    (
        "Kazan",
        "kazan.example",
        false,
        &[(
            "Рустам Галиев",
            "Rustam Galiev",
            "Mr",
            "Mayor's Office",
            "head_of_delegation",
            "ru, en",
            Fate::Approve,
        )],
    ),
    (
        "Isfahan",
        "isfahan.example",
        false,
        &[(
            "علی رضایی",
            "Ali Rezaei",
            "Mr",
            "Municipality",
            "head_of_delegation",
            "fa",
            Fate::Decline("The visa could not be arranged in time."),
        )],
    ),
    (
        "Djibouti",
        "djibouti.example",
        false,
        &[(
            "ዳዊት ተስፋዬ",
            "Dawit Tesfaye",
            "Mr",
            "Port of Djibouti",
            "head_of_delegation",
            "am, fr",
            Fate::Waiting,
        )],
    ),
    (
        "Kolkata",
        "kolkata.example",
        false,
        &[(
            "অমিত দাস",
            "Amit Das",
            "Mr",
            "Municipal Corporation",
            "head_of_delegation",
            "bn, en",
            Fate::Waitlist,
        )],
    ),
    (
        "Lisbon",
        "lisboa.example",
        false,
        &[
            (
                "João Silva",
                "Joao Silva",
                "Mr",
                "Lisbon City Council",
                "head_of_delegation",
                "pt, en",
                Fate::Approve,
            ),
            // Observers have three places: the fourth waits for one.
            (
                "Ana Costa",
                "Ana Costa",
                "Ms",
                "Observer",
                "observer",
                "pt, en",
                Fate::Approve,
            ),
            (
                "Rui Almeida",
                "Rui Almeida",
                "Mr",
                "Observer",
                "observer",
                "pt",
                Fate::Waiting,
            ),
            (
                "Inês Martins",
                "Ines Martins",
                "Ms",
                "Observer",
                "observer",
                "pt, es",
                Fate::Waiting,
            ),
            (
                "Pedro Santos",
                "Pedro Santos",
                "Mr",
                "Observer",
                "observer",
                "pt",
                Fate::Waiting,
            ),
        ],
    ),
];

/// Who books which sessions (by English title) in their agenda.
const BOOKINGS: &[(&str, &[&str])] = &[
    (
        "lin.xiaofeng@quanzhou.example",
        &[
            "Opening plenary: cities of the Silk Road",
            "Logistics and Infrastructure Committee",
            "Signing of twinning agreements",
        ],
    ),
    (
        "kim.min-jun@busan.example",
        &[
            "Opening plenary: cities of the Silk Road",
            "Business Council annual meeting",
        ],
    ),
    (
        "fatima.al.shamsi@dubai.example",
        &[
            "Opening plenary: cities of the Silk Road",
            "Plenary: smart cities and shared data",
        ],
    ),
    (
        "joao.silva@lisboa.example",
        &["Maritime heritage workshop", "Harbour night walk"],
    ),
];

/// A demo person's address: the Latin name, lower-cased, dotted.
fn demo_email(latin: &str, domain: &str) -> String {
    let local: String = latin
        .to_lowercase()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(".");
    format!("{local}@{domain}")
}

fn demo_person(person: &DemoPerson, domain: &str) -> PersonForm {
    let (native, latin, honorific, position, category, languages, _) = *person;
    PersonForm {
        name_native: native.into(),
        name_latin: latin.into(),
        honorific: honorific.into(),
        position: position.into(),
        email: demo_email(latin, domain),
        category: category.into(),
        languages: languages.into(),
        arrival: "2027-11-01T15:00".into(),
        departure: "2027-11-05T10:00".into(),
        ..PersonForm::default()
    }
}

/// Registers the demo delegations as their heads would, then decides as a
/// registrar would; the letters of both land in the outbox.
async fn load_registrations(
    txn: &sea_orm::DatabaseTransaction,
    edition_id: i64,
    city_ids: &std::collections::HashMap<&str, i64>,
    invitation_codes: &std::collections::HashMap<&str, String>,
    public_url: &str,
) -> Result<usize, AppError> {
    let demo = Actor::system("demo");
    let mut people = 0;
    for (city, domain, invited, persons) in DELEGATIONS {
        let Some((head, members)) = persons.split_first() else {
            continue;
        };
        let form = DelegationForm {
            head: demo_person(head, domain),
            members: members.iter().map(|p| demo_person(p, domain)).collect(),
            member_id: city_ids.get(city).copied(),
            invitation_code: if *invited {
                invitation_codes.get(city).cloned().unwrap_or_default()
            } else {
                String::new()
            },
            consent: true,
        };
        let submitted = submit_delegation(txn, &demo, edition_id, &form, public_url).await?;
        people += submitted.created.len();
        for person in *persons {
            let email = demo_email(person.1, domain);
            let Some(registration) = submitted.created.iter().find(|r| r.email == email) else {
                continue;
            };
            let (decision, reason) = match person.6 {
                Fate::Waiting => continue,
                Fate::Approve => (Decision::Approve, ""),
                Fate::Waitlist => (Decision::Waitlist, ""),
                Fate::Decline(reason) => (Decision::Decline, reason),
                Fate::Cancel(reason) => (Decision::Cancel, reason),
            };
            decide(
                txn,
                &demo,
                edition_id,
                &[registration.id],
                decision,
                reason,
                public_url,
            )
            .await?;
        }
    }
    Ok(people)
}

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

/// The host city's budget in renminbi: every category planned, rates for
/// dollars, euros and yen, items in each state (the interpreters' dollar
/// commitment above the threshold waiting for an organizer, the hall
/// approved and half paid, an invoice, a paid print run, a cancelled
/// order), a sponsor's pledge half received.
// Amounts read as yuan and fen: 1_650_000_00 is CNY 1,650,000.00.
#[allow(clippy::inconsistent_digit_grouping)]
async fn load_budget(txn: &sea_orm::DatabaseTransaction, edition_id: i64) -> Result<(), AppError> {
    use app::budget::service::{category_rows, items, payer_rows, pledges, rates, setup};
    use app::budget::types::{
        CategoryInput, IncomeInput, ItemInput, PayerInput, PayerKind, RateInput, ThresholdInput,
    };
    let demo = Actor::system("demo");
    let day = |m, d| NaiveDate::from_ymd_opt(2027, m, d).ok_or(AppError::Internal);
    setup::copy_categories(txn, &demo, edition_id).await?;
    let plans: [(&str, i64); 12] = [
        ("venue", 1_800_000),
        ("catering", 650_000),
        ("interpretation", 420_000),
        ("translation", 120_000),
        ("audio_visual", 380_000),
        ("security", 260_000),
        ("local_transport", 310_000),
        ("accommodation", 900_000),
        ("printing", 90_000),
        ("communications", 150_000),
        ("staff", 240_000),
        ("contingency", 300_000),
    ];
    let mut category = std::collections::HashMap::new();
    for row in category_rows(txn, edition_id).await? {
        let planned = plans
            .iter()
            .find(|(kind, _)| *kind == row.kind.as_str())
            .map_or(0, |(_, yuan)| yuan * 100);
        let input = CategoryInput {
            planned_minor: planned,
            version: row.version,
            ..Default::default()
        };
        setup::update_category(txn, &demo, edition_id, row.id, input).await?;
        category.insert(row.kind.as_str(), row.id);
    }
    setup::set_threshold(
        txn,
        &demo,
        edition_id,
        ThresholdInput {
            approval_threshold_minor: Some(300_000 * 100),
        },
    )
    .await?;
    for (currency, from, rate) in [
        ("USD", day(1, 1)?, "7.12"),
        ("USD", day(6, 1)?, "7.18"),
        ("EUR", day(1, 1)?, "7.74"),
        ("JPY", day(1, 1)?, "0.0476"),
    ] {
        let input = RateInput {
            currency: currency.into(),
            valid_from: Some(from),
            rate: rate.into(),
            source: "Bank of China reference rate".into(),
            unusual_confirmed: false,
        };
        rates::add_rate(txn, &demo, edition_id, input, false).await?;
    }
    let sponsor = setup::add_payer(
        txn,
        &demo,
        edition_id,
        PayerInput {
            kind: Some(PayerKind::Sponsor),
            name: "Zayton Port Group".into(),
            committee_id: None,
        },
    )
    .await?
    .id;
    let payer = |kind: PayerKind, rows: &[app::budget::entity::payer::Model]| {
        rows.iter()
            .find(|p| p.kind == kind)
            .map(|p| p.id)
            .ok_or(AppError::Internal)
    };
    let payers = payer_rows(txn, edition_id).await?;
    let host = payer(PayerKind::HostCity, &payers)?;
    let alliance = payer(PayerKind::AllianceProject, &payers)?;
    let council = payer(PayerKind::BusinessCouncil, &payers)?;
    let cat = |kind: &str| category.get(kind).copied().ok_or(AppError::Internal);
    let item = |category_id, payer_id, description: &str, vendor: &str, currency: &str, planned| {
        ItemInput {
            category_id,
            payer_id,
            description: description.into(),
            vendor: vendor.into(),
            currency: currency.into(),
            planned_minor: planned,
            ..Default::default()
        }
    };
    let hall = items::create_item(
        txn,
        &demo,
        edition_id,
        ItemInput {
            committed_minor: Some(1_700_000_00),
            committed_on: Some(day(3, 15)?),
            actual_minor: Some(850_000_00),
            paid_on: Some(day(4, 1)?),
            invoice_ref: "SCEC-2027-031".into(),
            notes: "Deposit paid; the rest after the Forum.".into(),
            ..item(
                cat("venue")?,
                host,
                "Plenary hall and meeting rooms, three days",
                "Quanzhou Strait Convention and Exhibition Center",
                "CNY",
                1_650_000_00,
            )
        },
    )
    .await?;
    items::approve_item(txn, &demo, edition_id, hall.id, hall.version).await?;
    for input in [
        // USD 58,000 at 7.12 is CNY 412,960, above the threshold: it waits.
        ItemInput {
            committed_minor: Some(58_000_00),
            committed_on: Some(day(5, 10)?),
            ..item(
                cat("interpretation")?,
                alliance,
                "Simultaneous interpretation: 6 booths, 14 interpreters",
                "Babel Conference Interpreting",
                "USD",
                55_000_00,
            )
        },
        item(
            cat("translation")?,
            alliance,
            "Translation of the agreements (Arabic, Chinese, French, Russian, Spanish)",
            "Lingua Europa",
            "EUR",
            14_000_00,
        ),
        ItemInput {
            committed_minor: Some(265_000_00),
            committed_on: Some(day(6, 20)?),
            ..item(
                cat("catering")?,
                sponsor,
                "Welcome dinner for 900",
                "Zayton Banquets",
                "CNY",
                280_000_00,
            )
        },
        item(
            cat("local_transport")?,
            host,
            "Delegate shuttle buses, airport and hotels",
            "Quanzhou Public Transport",
            "CNY",
            300_000_00,
        ),
        ItemInput {
            committed_minor: Some(29_500_00),
            committed_on: Some(day(6, 5)?),
            invoiced_on: Some(day(7, 1)?),
            invoice_ref: "AV-2027-118".into(),
            ..item(
                cat("audio_visual")?,
                council,
                "LED screens and streaming",
                "Vision AV",
                "USD",
                30_000_00,
            )
        },
        ItemInput {
            committed_minor: Some(58_400_00),
            committed_on: Some(day(8, 1)?),
            actual_minor: Some(58_400_00),
            paid_on: Some(day(9, 10)?),
            ..item(
                cat("printing")?,
                host,
                "Programme booklets and signage",
                "Minnan Printing",
                "CNY",
                60_000_00,
            )
        },
        ItemInput {
            cancelled: true,
            ..item(
                cat("staff")?,
                host,
                "Volunteer uniforms (ordered twice; this order cancelled)",
                "Textile Co.",
                "CNY",
                40_000_00,
            )
        },
    ] {
        items::create_item(txn, &demo, edition_id, input).await?;
    }
    for (payer_id, description, currency, pledged, received) in [
        (
            sponsor,
            "Sponsorship: welcome dinner and signage",
            "CNY",
            500_000_00,
            Some((250_000_00, day(5, 1)?)),
        ),
        (
            council,
            "Business Council contribution",
            "USD",
            40_000_00,
            None,
        ),
    ] {
        let input = IncomeInput {
            payer_id,
            description: description.into(),
            currency: currency.into(),
            pledged_minor: pledged,
            received_minor: received.map(|(minor, _)| minor),
            received_on: received.map(|(_, on)| on),
            version: 0,
        };
        pledges::save_income(txn, &demo, edition_id, None, input).await?;
    }
    Ok(())
}

/// Loads everything in one transaction: all of it or nothing.
/// Agreements of the demo: an initiative of the Investment and Trade
/// committee with its working group; an economic cooperation agreement
/// between Quanzhou and Busan serving it, ready to sign at the
/// cooperation agreements' ceremony; a sister-city agreement between
/// Quanzhou and Samarkand still being negotiated.
async fn load_agreements(
    txn: &sea_orm::DatabaseTransaction,
    edition_id: i64,
    city_ids: &std::collections::HashMap<&str, i64>,
    committee_ids: &std::collections::HashMap<&str, i64>,
    ceremony_id: Option<i64>,
) -> Result<(), AppError> {
    use app::agreements::service::{drafting, plans, signing, templates};
    use app::agreements::types::{
        AgreementInput, AgreementStatus, DraftInput, GroupMember, InitiativeInput, MoveInput,
        PartyInput, TemplateKind,
    };
    let demo = Actor::system("demo");
    let city = |latin: &str| city_ids.get(latin).copied().ok_or(AppError::Internal);
    let template = |kind: TemplateKind, all: &[app::agreements::types::TemplateView]| {
        all.iter()
            .find(|t| t.kind == kind)
            .map(|t| t.id)
            .ok_or(AppError::Internal)
    };
    let all = templates::list(txn).await?;
    let trade = committee_ids.get("Investment and Trade").copied();
    let initiative = plans::create(
        txn,
        &demo,
        InitiativeInput {
            committee_id: trade,
            year: 2027,
            title: "Maritime Silk Road port logistics corridor".into(),
            description: "Member ports share logistics data and plan joint feeder routes.".into(),
            incubated: true,
            working_group: "Port logistics working group".into(),
            members: vec![
                GroupMember {
                    name: "Lin Wei".into(),
                    organization: "Quanzhou Port Authority".into(),
                    email: "lin.wei@quanzhou-port.example".into(),
                },
                GroupMember {
                    name: "Park Ji-woo".into(),
                    organization: "Busan Port Authority".into(),
                    email: "park.jiwoo@busan-port.example".into(),
                },
            ],
            version: 0,
        },
    )
    .await?;
    let party =
        |member: i64, signatory: &str, title: &str, contact: &str, email: &str, language: &str| {
            PartyInput {
                member_id: Some(member),
                signatory_name: signatory.into(),
                signatory_title: title.into(),
                contact_name: contact.into(),
                contact_email: email.into(),
                language: language.into(),
                ..Default::default()
            }
        };
    let values = |pairs: &[(&str, &str)]| {
        pairs
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect()
    };
    let ports = drafting::create(
        txn,
        &demo,
        DraftInput {
            title: "Quanzhou–Busan port logistics cooperation".into(),
            template_id: Some(template(TemplateKind::EconomicCooperation, &all)?),
            committee_id: trade,
            edition_id: Some(edition_id),
            initiative_id: Some(initiative.id),
            parties: vec![
                party(
                    city("Quanzhou")?,
                    "蔡明",
                    "Mayor of Quanzhou",
                    "李华",
                    "li.hua@quanzhou.example",
                    "zh",
                ),
                party(
                    city("Busan")?,
                    "박형준",
                    "Mayor of Busan",
                    "Kim Min-jun",
                    "kim.minjun@busan.example",
                    "en",
                ),
            ],
            values: values(&[
                ("first", "1"),
                ("second", "2"),
                ("project", "a shared port logistics data platform"),
                ("contribution", "CNY 2000000"),
                ("deadline", "2028-06-30"),
                ("start", "2027-11-04"),
                ("term", "five years"),
            ]),
            ..Default::default()
        },
    )
    .await?;
    let parties = ports.parties.iter().map(|p| PartyInput {
        id: Some(p.id),
        member_id: p.member_id,
        signatory_name: p.signatory_name.clone(),
        signatory_title: p.signatory_title.clone(),
        contact_name: p.contact_name.clone(),
        contact_email: p.contact_email.clone(),
        language: p.language.clone(),
        ..Default::default()
    });
    let ports = drafting::update(
        txn,
        &demo,
        ports.id,
        AgreementInput {
            committee_id: trade,
            edition_id: Some(edition_id),
            initiative_id: Some(initiative.id),
            ceremony_session_id: ceremony_id,
            parties: parties.collect(),
            version: ports.version,
            ..Default::default()
        },
    )
    .await?;
    signing::move_to(
        txn,
        &demo,
        ports.id,
        MoveInput {
            to: Some(AgreementStatus::ReadyToSign),
            version: ports.version,
        },
    )
    .await?;
    let twinning = drafting::create(
        txn,
        &demo,
        DraftInput {
            title: "Quanzhou–Samarkand sister-city agreement".into(),
            template_id: Some(template(TemplateKind::SisterCity, &all)?),
            sector: "Culture and tourism".into(),
            edition_id: Some(edition_id),
            parties: vec![
                party(
                    city("Quanzhou")?,
                    "",
                    "",
                    "李华",
                    "li.hua@quanzhou.example",
                    "zh",
                ),
                party(
                    city("Samarkand")?,
                    "",
                    "",
                    "Dilnoza Karimova",
                    "dilnoza@samarqand.example",
                    "en",
                ),
            ],
            values: values(&[
                ("first", "1"),
                ("second", "2"),
                ("start", "2027-11-02"),
                (
                    "fields",
                    "culture, tourism and the heritage of the Silk Road",
                ),
            ]),
            ..Default::default()
        },
    )
    .await?;
    signing::move_to(
        txn,
        &demo,
        twinning.id,
        MoveInput {
            to: Some(AgreementStatus::Negotiating),
            version: twinning.version,
        },
    )
    .await?;
    Ok(())
}

pub async fn load(db: &DatabaseConnection, public_url: &str) -> Result<String, AppError> {
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
        intro: DEMO_INTRO.into(),
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
        capacities: vec![
            ("press".into(), "40".into()),
            ("observer".into(), "3".into()),
        ],
        ..Default::default()
    }
    .parse()?;
    save_settings(&txn, &Actor::system("demo"), edition.id, settings).await?;
    let mut invitation_codes = std::collections::HashMap::new();
    for (city, size) in [("Busan", 8), ("Alexandria", 6)] {
        let member = city_ids.get(city).copied().ok_or(AppError::Internal)?;
        let invitation =
            create_invitation(&txn, &Actor::system("demo"), edition.id, member, Some(size)).await?;
        invitation_codes.insert(city, invitation.code);
    }
    for (english, others) in ROOM_NAMES {
        let Some(room) = edition.rooms.iter().find(|r| r.name == *english) else {
            continue;
        };
        let names = ["zh", "ar", "fr", "ru", "es"]
            .into_iter()
            .zip(others)
            .map(|(lang, name)| (lang.to_owned(), (*name).to_owned()))
            .collect();
        save_room_names(&txn, &Actor::system("demo"), edition.id, room.id, names).await?;
    }
    let mut session_ids = std::collections::HashMap::new();
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
        session_ids.insert(*title_en, saved.session.id);
    }
    let people =
        load_registrations(&txn, edition.id, &city_ids, &invitation_codes, public_url).await?;
    let demo = Actor::system("demo");
    for (email, titles) in BOOKINGS {
        for title in *titles {
            let session = session_ids.get(title).copied().ok_or(AppError::Internal)?;
            add_to_agenda(&txn, &demo, email, edition.id, session).await?;
        }
    }
    load_budget(&txn, edition.id).await?;
    load_agreements(
        &txn,
        edition.id,
        &city_ids,
        &committee_ids,
        session_ids
            .get("Signing of cooperation agreements")
            .copied(),
    )
    .await?;
    txn.commit().await?;
    Ok(format!(
        "Demo loaded: {} committees, {} member cities, {} institutions, {} Business Council members, 1 edition (2027, Quanzhou) with {} sessions, {} people registered in {} delegations, a budget and 2 agreements.",
        COMMITTEES.len(),
        CITIES.len(),
        INSTITUTIONS.len(),
        COUNCIL.len(),
        PROGRAMME.len(),
        people,
        DELEGATIONS.len()
    ))
}
