//! The five templates a new installation starts with, in English and
//! Chinese side by side: the kinds of agreement the alliance's members
//! sign at the Forum. The memorandum is also in the other four languages
//! of the United Nations, so any two of the six can be its pair.
//! Coordinators edit them or add their own.

use super::types::{Clause, ClauseText, TemplateKind, TemplateTexts};

pub struct StandardTemplate {
    pub kind: TemplateKind,
    pub name: &'static str,
    pub clauses: &'static [[&'static str; 4]],
    /// The clauses in more languages: (language, [heading, text] per
    /// clause).
    pub more: &'static [(&'static str, &'static [[&'static str; 2]])],
}

fn clause(parts: &[&str; 4]) -> Clause {
    Clause {
        a: ClauseText {
            heading: parts[0].to_owned(),
            body: parts[1].to_owned(),
        },
        b: ClauseText {
            heading: parts[2].to_owned(),
            body: parts[3].to_owned(),
        },
    }
}

impl StandardTemplate {
    pub fn clauses(&self) -> Vec<Clause> {
        self.clauses.iter().map(clause).collect()
    }

    pub fn texts(&self) -> TemplateTexts {
        self.more
            .iter()
            .map(|(lang, clauses)| {
                let texts = clauses
                    .iter()
                    .map(|[heading, body]| ClauseText {
                        heading: (*heading).to_owned(),
                        body: (*body).to_owned(),
                    })
                    .collect();
                ((*lang).to_owned(), texts)
            })
            .collect()
    }
}

const PARTIES: [&str; 4] = [
    "Parties",
    "This agreement is made between {{party:first}} and {{party:second}} (the Parties), both members of the Maritime and Continental Silk Road Cities Alliance.",
    "双方",
    "本协议由{{party:first}}与{{party:second}}（以下简称“双方”）订立，双方均为海上和陆上丝绸之路城市联盟成员。",
];

const TERM: [&str; 4] = [
    "Entry into force and term",
    "This agreement enters into force on {{date:start}} and remains in force for {{text:term}}, unless either Party ends it by written notice of three months.",
    "生效与期限",
    "本协议自{{date:start}}起生效，有效期为{{text:term}}，任何一方提前三个月书面通知可终止本协议。",
];

const FOLLOW_UP: [&str; 4] = [
    "Follow-up",
    "The Parties name a contact each, agree a plan of activities with due dates, and report their progress to the Alliance's secretariat before the next Forum.",
    "后续落实",
    "双方各指定一名联系人，商定附有完成日期的活动计划，并在下届论坛前向联盟秘书处报告进展。",
];

/// The memorandum's: signed in whichever two of its languages the
/// parties choose.
const TWO_LANGUAGES: [&str; 4] = [
    "Languages",
    "This memorandum is signed in the two languages printed side by side, both texts being equally authentic.",
    "语言",
    "本备忘录以并列印制的两种语文签署，两种文本同等作准。",
];

/// The memorandum in French, Spanish, Russian and Arabic, clause by
/// clause as in English.
const MEMORANDUM_MORE: [(&str, &[[&str; 2]]); 4] = [
    (
        "fr",
        &[
            [
                "Parties",
                "Le présent accord est conclu entre {{party:first}} et {{party:second}} (les Parties), toutes deux membres de l’Alliance des villes des routes de la soie maritime et continentale.",
            ],
            [
                "Objet",
                "Les Parties entendent coopérer dans le domaine suivant : {{text:field}}, et échanger à cette fin expériences, délégations et informations.",
            ],
            [
                "Nature",
                "Le présent mémorandum consigne les intentions des Parties ; il ne crée aucune obligation financière.",
            ],
            [
                "Suivi",
                "Chaque Partie désigne un interlocuteur ; les Parties conviennent d’un plan d’activités assorti d’échéances et rendent compte de leurs progrès au secrétariat de l’Alliance avant le prochain Forum.",
            ],
            [
                "Entrée en vigueur et durée",
                "Le présent accord entre en vigueur le {{date:start}} et demeure en vigueur pendant {{text:term}}, sauf dénonciation par l’une des Parties moyennant un préavis écrit de trois mois.",
            ],
            [
                "Langues",
                "Le présent mémorandum est signé dans les deux langues imprimées en regard, les deux textes faisant également foi.",
            ],
        ],
    ),
    (
        "es",
        &[
            [
                "Partes",
                "El presente acuerdo se celebra entre {{party:first}} y {{party:second}} (las Partes), ambas miembros de la Alianza de Ciudades de las Rutas de la Seda Marítima y Continental.",
            ],
            [
                "Objeto",
                "Las Partes se proponen cooperar en materia de {{text:field}} e intercambiar con ese fin experiencias, delegaciones e información.",
            ],
            [
                "Naturaleza",
                "El presente memorando deja constancia de las intenciones de las Partes; no genera obligación financiera alguna.",
            ],
            [
                "Seguimiento",
                "Cada Parte designa una persona de contacto; las Partes acuerdan un plan de actividades con plazos e informan de sus avances a la secretaría de la Alianza antes del próximo Foro.",
            ],
            [
                "Entrada en vigor y duración",
                "El presente acuerdo entra en vigor el {{date:start}} y permanece vigente durante {{text:term}}, salvo que una de las Partes le ponga fin mediante notificación escrita con tres meses de antelación.",
            ],
            [
                "Idiomas",
                "El presente memorando se firma en los dos idiomas impresos en paralelo, siendo ambos textos igualmente auténticos.",
            ],
        ],
    ),
    (
        "ru",
        &[
            [
                "Стороны",
                "Настоящее соглашение заключили {{party:first}} и {{party:second}} (далее — Стороны), являющиеся членами Альянса городов морского и сухопутного Шёлкового пути.",
            ],
            [
                "Цель",
                "Стороны намерены сотрудничать в области «{{text:field}}» и с этой целью обмениваться опытом, делегациями и информацией.",
            ],
            [
                "Характер",
                "Настоящий меморандум фиксирует намерения Сторон и не создаёт финансовых обязательств.",
            ],
            [
                "Последующие действия",
                "Каждая из Сторон назначает контактное лицо; Стороны согласовывают план мероприятий со сроками исполнения и до следующего Форума отчитываются о ходе работы перед секретариатом Альянса.",
            ],
            [
                "Вступление в силу и срок действия",
                "Настоящее соглашение вступает в силу {{date:start}} года и действует {{text:term}}, если ни одна из Сторон не прекратит его, письменно уведомив другую Сторону за три месяца.",
            ],
            [
                "Языки",
                "Настоящий меморандум подписан на двух языках, напечатанных параллельно, причём оба текста имеют одинаковую силу.",
            ],
        ],
    ),
    (
        "ar",
        &[
            [
                "الطرفان",
                "أُبرم هذا الاتفاق بين {{party:first}} و{{party:second}} (ويُشار إليهما بـ«الطرفين»)، وكلاهما عضو في تحالف مدن طريق الحرير البحري والبري.",
            ],
            [
                "الغرض",
                "يعتزم الطرفان التعاون في مجال {{text:field}}، وتبادل الخبرات والوفود والمعلومات تحقيقًا لذلك.",
            ],
            [
                "الطبيعة",
                "تسجّل هذه المذكرة نوايا الطرفين، ولا تُنشئ أي التزام مالي.",
            ],
            [
                "المتابعة",
                "يسمّي كل طرف جهة اتصال، ويتفق الطرفان على خطة أنشطة ذات مواعيد إنجاز محددة، ويقدّمان تقريرًا عن التقدم المحرز إلى أمانة التحالف قبل المنتدى المقبل.",
            ],
            [
                "بدء النفاذ والمدة",
                "يدخل هذا الاتفاق حيز النفاذ في {{date:start}} ويظل نافذًا لمدة {{text:term}}، ما لم يُنهه أحد الطرفين بإشعار كتابي مدته ثلاثة أشهر.",
            ],
            [
                "اللغات",
                "وُقّعت هذه المذكرة باللغتين المطبوعتين جنبًا إلى جنب، وللنصين الحجية ذاتها.",
            ],
        ],
    ),
];

const LANGUAGES: [&str; 4] = [
    "Languages",
    "This agreement is signed in English and Chinese, both texts being equally authentic.",
    "语言",
    "本协议以英文和中文签署，两种文本同等作准。",
];

pub const STANDARD: [StandardTemplate; 5] = [
    StandardTemplate {
        kind: TemplateKind::Memorandum,
        name: "Memorandum of understanding",
        clauses: &[
            PARTIES,
            [
                "Purpose",
                "The Parties intend to cooperate in {{text:field}} and to exchange experience, delegations and information to that end.",
                "目的",
                "双方有意在{{text:field}}领域开展合作，并为此交流经验、互派代表团和交换信息。",
            ],
            [
                "Nature",
                "This memorandum records the Parties' intentions; it creates no financial obligation.",
                "性质",
                "本备忘录记录双方的合作意向，不产生任何财务义务。",
            ],
            FOLLOW_UP,
            TERM,
            TWO_LANGUAGES,
        ],
        more: &MEMORANDUM_MORE,
    },
    StandardTemplate {
        kind: TemplateKind::SisterCity,
        name: "Sister-city agreement",
        clauses: &[
            PARTIES,
            [
                "Friendship",
                "The Parties establish sister-city relations from {{date:start}} to deepen the friendship of their peoples.",
                "友好关系",
                "双方自{{date:start}}起建立友好城市关系，以加深两市人民的友谊。",
            ],
            [
                "Fields of cooperation",
                "The Parties cooperate in {{text:fields}}, and encourage exchanges between their schools, universities, businesses and cultural institutions.",
                "合作领域",
                "双方在{{text:fields}}等领域开展合作，并鼓励双方学校、大学、企业和文化机构之间的交流。",
            ],
            [
                "Visits",
                "The mayors or their representatives meet at least once every two years, in turn in each city.",
                "互访",
                "双方市长或其代表至少每两年会晤一次，轮流在两市举行。",
            ],
            FOLLOW_UP,
            LANGUAGES,
        ],
        more: &[],
    },
    StandardTemplate {
        kind: TemplateKind::EconomicCooperation,
        name: "Economic cooperation agreement",
        clauses: &[
            PARTIES,
            [
                "Projects",
                "The Parties cooperate on {{text:project}} and each contributes {{amount:contribution}} to it by {{date:deadline}}.",
                "项目",
                "双方就{{text:project}}开展合作，并各自于{{date:deadline}}前出资{{amount:contribution}}。",
            ],
            [
                "Investment and trade",
                "The Parties inform each other's businesses of investment opportunities and support trade missions between their cities.",
                "投资与贸易",
                "双方向对方企业通报投资机会，并支持两市之间的贸易代表团。",
            ],
            FOLLOW_UP,
            TERM,
            LANGUAGES,
        ],
        more: &[],
    },
    StandardTemplate {
        kind: TemplateKind::CulturalExchange,
        name: "Cultural exchange agreement",
        clauses: &[
            PARTIES,
            [
                "Exchanges",
                "The Parties organise {{text:programme}} and exchange artists, exhibitions and students.",
                "交流",
                "双方举办{{text:programme}}，并互派艺术家、互办展览、互换学生。",
            ],
            [
                "Heritage",
                "The Parties share their experience of protecting the heritage of the Silk Road.",
                "遗产保护",
                "双方分享保护丝绸之路遗产的经验。",
            ],
            FOLLOW_UP,
            TERM,
            LANGUAGES,
        ],
        more: &[],
    },
    StandardTemplate {
        kind: TemplateKind::BusinessCouncilContract,
        name: "Business Council contract",
        clauses: &[
            [
                "Parties",
                "This contract is made between {{party:city}} and {{party:company}}, a member of the Alliance's Business Council.",
                "双方",
                "本合同由{{party:city}}与联盟工商理事会成员{{party:company}}订立。",
            ],
            [
                "Object",
                "{{party:company}} delivers {{text:deliverable}} to {{party:city}} by {{date:delivery}}.",
                "标的",
                "{{party:company}}于{{date:delivery}}前向{{party:city}}交付{{text:deliverable}}。",
            ],
            [
                "Price",
                "The price is {{amount:price}}, paid on delivery.",
                "价格",
                "价格为{{amount:price}}，于交付时支付。",
            ],
            FOLLOW_UP,
            LANGUAGES,
        ],
        more: &[],
    },
];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::agreements::domain::placeholders;

    #[test]
    fn the_standard_templates_read_and_ask_the_same_in_both_languages() {
        for template in &STANDARD {
            let clauses = template.clauses();
            let all = placeholders(&clauses).unwrap();
            assert!(!all.is_empty(), "{}", template.name);
            // Each placeholder appears in both columns.
            let only_a: Vec<Clause> = clauses
                .iter()
                .map(|c| Clause {
                    a: c.a.clone(),
                    b: ClauseText::default(),
                })
                .collect();
            assert_eq!(placeholders(&only_a).unwrap(), all, "{}", template.name);
        }
    }
}
