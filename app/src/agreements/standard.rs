//! The five templates a new installation starts with, in English and
//! Chinese side by side: the kinds of agreement the alliance's members
//! sign at the Forum. Coordinators edit them or add their own.

use super::types::{Clause, ClauseText, TemplateKind};

pub struct StandardTemplate {
    pub kind: TemplateKind,
    pub name: &'static str,
    pub clauses: &'static [[&'static str; 4]],
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
            LANGUAGES,
        ],
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
