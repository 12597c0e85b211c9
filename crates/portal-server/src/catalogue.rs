//! The portal's product catalogue (fixed reference data).

use std::sync::OnceLock;

use portal_api::{
    Catalogue, Channel, LocalizedText, MixSpec, Product, ProductGroup, ProductKind, Validity,
};

fn t(fi: &str, en: &str) -> LocalizedText {
    LocalizedText::new(fi, en)
}

const CHANNELS: &[(&str, &str)] = &[
    ("yle-teema-fem", "Yle Teema & Fem"),
    ("mtv-sub", "MTV Sub"),
    ("mtv-ava", "MTV Ava"),
    ("liv", "Liv"),
    ("jim", "Jim"),
    ("kutonen", "Kutonen"),
    ("tv5", "TV5"),
    ("frii", "Frii"),
    ("hero", "Hero"),
    ("star-channel", "STAR Channel"),
    ("national-geographic", "National Geographic"),
    ("discovery", "Discovery Channel"),
    ("animal-planet", "Animal Planet"),
    ("cartoon-network", "Cartoon Network"),
    ("eurosport", "Eurosport"),
    ("mtv-music", "MTV Music"),
    ("bbc-brit", "BBC Brit"),
    ("history", "History"),
];

/// Channels a MIX package may contain (15).
pub const MIX_CHANNELS: &[&str] = &[
    "mtv-sub",
    "mtv-ava",
    "liv",
    "jim",
    "kutonen",
    "tv5",
    "frii",
    "hero",
    "star-channel",
    "national-geographic",
    "discovery",
    "animal-planet",
    "cartoon-network",
    "mtv-music",
    "history",
];

#[allow(clippy::too_many_arguments)]
fn product(
    id: &str,
    group: &str,
    kind: ProductKind,
    name: LocalizedText,
    description: LocalizedText,
    price: i64,
    term_months: Option<u32>,
    updates: &[&str],
) -> Product {
    Product {
        id: id.into(),
        group: group.into(),
        kind,
        name,
        description,
        monthly_price_cents: price,
        validity: if term_months.is_some() {
            Validity::FixedTerm
        } else {
            Validity::UntilFurtherNotice
        },
        term_months,
        requires_pay_tv_card: kind == ProductKind::PayChannel,
        mix: None,
        devices_allowed: None,
        updates: updates.iter().map(|s| s.to_string()).collect(),
    }
}

fn build() -> Catalogue {
    use ProductKind::*;
    let groups = vec![
        ProductGroup {
            id: "tv".into(),
            name: t("TV-kanavat", "TV channels"),
        },
        ProductGroup {
            id: "security".into(),
            name: t("Tietoturvapalvelut", "Security services"),
        },
        ProductGroup {
            id: "broadband".into(),
            name: t("Laajakaista", "Broadband"),
        },
    ];
    let mix = |count: u32| MixSpec {
        channel_count: count,
        allowed_channels: MIX_CHANNELS.iter().map(|s| s.to_string()).collect(),
    };
    let turva = |devices: u32, price: i64, updates: &[&str]| {
        let mut p = product(
            &format!("turvapaketti-{devices}"),
            "security",
            Security,
            t(
                &format!("Turvapaketti {devices} laitetta"),
                &format!("Turvapaketti {devices} devices"),
            ),
            t(
                &format!("F-Secure-tietoturva {devices} laitteelle: virustorjunta, selaussuojaus ja lapsilukko. Määräaikainen 12 kk."),
                &format!("F-Secure security for {devices} devices: antivirus, browsing protection and parental control. Fixed term of 12 months."),
            ),
            price,
            Some(12),
            updates,
        );
        p.devices_allowed = Some(devices);
        p
    };
    let mut products = vec![
        product(
            "tv-perus",
            "tv",
            TvPackage,
            t("TV Peruspaketti", "TV Basic package"),
            t(
                "Suosituimmat kotimaiset kanavat.",
                "The most popular Finnish channels.",
            ),
            990,
            None,
            &[],
        ),
        product(
            "tv-viihde",
            "tv",
            TvPackage,
            t("TV Viihdepaketti", "TV Entertainment package"),
            t(
                "Sarjoja ja elokuvia koko perheelle.",
                "Series and films for the whole family.",
            ),
            1990,
            None,
            &["tv-perus"],
        ),
        product(
            "tv-urheilukausi",
            "tv",
            TvPackage,
            t("TV Urheilukausi 3 kk", "TV Sports season, 3 months"),
            t(
                "Kauden urheilulähetykset. Määräaikainen 3 kk.",
                "The season's sports broadcasts. Fixed term of 3 months.",
            ),
            1490,
            Some(3),
            &[],
        ),
        product(
            "tv-dokumentti",
            "tv",
            TvPackage,
            t("TV Dokumenttipaketti", "TV Documentary package"),
            t(
                "Luontoa, historiaa ja tiedettä.",
                "Nature, history and science.",
            ),
            1490,
            None,
            &[],
        ),
        product(
            "maksu-elokuvat",
            "tv",
            PayChannel,
            t("Elokuvakanava Premium", "Premium Movie Channel"),
            t(
                "Uusimmat elokuvat. Vaatii maksu-TV-kortin.",
                "The latest films. Needs a pay-TV card.",
            ),
            1490,
            None,
            &[],
        ),
        product(
            "maksu-urheilu",
            "tv",
            PayChannel,
            t("Urheilukanava Plus", "Sports Channel Plus"),
            t(
                "Jääkiekkoa, jalkapalloa ja F1. Vaatii maksu-TV-kortin.",
                "Ice hockey, football and F1. Needs a pay-TV card.",
            ),
            2990,
            None,
            &[],
        ),
        product(
            "maksu-lapset",
            "tv",
            PayChannel,
            t("Lastenkanava Max", "Kids Channel Max"),
            t(
                "Lastenohjelmia ilman mainoksia. Vaatii maksu-TV-kortin.",
                "Children's programmes without ads. Needs a pay-TV card.",
            ),
            690,
            None,
            &[],
        ),
    ];
    let mut mix6 = product(
        "mix-6",
        "tv",
        MixPackage,
        t("MIX 6", "MIX 6"),
        t(
            "Valitse itse 6 kanavaa 15 kanavan joukosta.",
            "Choose 6 channels of 15 yourself.",
        ),
        1290,
        None,
        &[],
    );
    mix6.mix = Some(mix(6));
    let mut mix10 = product(
        "mix-10",
        "tv",
        MixPackage,
        t("MIX 10", "MIX 10"),
        t(
            "Valitse itse 10 kanavaa 15 kanavan joukosta.",
            "Choose 10 channels of 15 yourself.",
        ),
        1790,
        None,
        &["mix-6"],
    );
    mix10.mix = Some(mix(10));
    products.push(mix6);
    products.push(mix10);
    products.push(turva(3, 590, &[]));
    products.push(turva(5, 790, &["turvapaketti-3"]));
    products.push(turva(10, 1190, &["turvapaketti-3", "turvapaketti-5"]));
    for (speed, price, updates) in [
        (50u32, 2490i64, &[][..]),
        (200, 3490, &["laajakaista-50"][..]),
        (1000, 4990, &["laajakaista-50", "laajakaista-200"][..]),
    ] {
        products.push(product(
            &format!("laajakaista-{speed}"),
            "broadband",
            Broadband,
            t(
                &format!("Laajakaista {speed}M"),
                &format!("Broadband {speed}M"),
            ),
            t(
                &format!("Kiinteä laajakaista {speed} Mbit/s, toistaiseksi voimassa."),
                &format!("Fixed broadband {speed} Mbit/s, until further notice."),
            ),
            price,
            None,
            updates,
        ));
    }
    let channels = CHANNELS
        .iter()
        .map(|(id, name)| Channel {
            id: id.to_string(),
            name: name.to_string(),
        })
        .collect();
    Catalogue {
        groups,
        products,
        channels,
    }
}

/// The catalogue served at `GET /api/v1/catalogue`.
pub fn catalogue() -> &'static Catalogue {
    static CATALOGUE: OnceLock<Catalogue> = OnceLock::new();
    CATALOGUE.get_or_init(build)
}

pub fn group(id: &str) -> Option<&'static ProductGroup> {
    catalogue().groups.iter().find(|g| g.id == id)
}

pub fn channel(id: &str) -> Option<&'static Channel> {
    catalogue().channels.iter().find(|c| c.id == id)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn catalogue_is_consistent() {
        let c = catalogue();
        for p in &c.products {
            assert!(group(&p.group).is_some(), "{}", p.id);
            for u in &p.updates {
                assert!(c.product(u).is_some(), "{} updates unknown {u}", p.id);
            }
            if let Some(m) = &p.mix {
                assert!(m.allowed_channels.len() >= m.channel_count as usize);
                for ch in &m.allowed_channels {
                    assert!(channel(ch).is_some(), "{ch}");
                }
            }
            assert_eq!(p.validity == Validity::FixedTerm, p.term_months.is_some());
        }
    }
}
