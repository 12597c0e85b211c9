//! Demo accounts and their data. Dates are relative to "today" so the demo
//! always looks right (a Turvapaketti ending soon, services started earlier).

use chrono::{Days, Months, NaiveDate};
use sqlx::SqlitePool;

use crate::services::{new_device_code, new_subscription_key};
use crate::state::now_ms;
use crate::{PasswordHashParams, ServerError};

/// A fixed demo sign-in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DemoAccount {
    pub email: &'static str,
    pub password: &'static str,
    pub description: &'static str,
}

/// A household with everything: Turvapaketti 5 (3 devices in use, ending in
/// 20 days), TV basic, MIX 6, a pay channel, broadband, pay-TV card, billing.
pub const FAMILY: DemoAccount = DemoAccount {
    email: "perhe@example.fi",
    password: "Demo-Salasana-1",
    description: "Household: Turvapaketti 5 (3 devices, ends in 20 days), TV basic, MIX 6, a pay channel, broadband; pay-TV card and billing agreement valid",
};

/// Can sign in, cannot order (no billing agreement).
pub const NO_BILLING: DemoAccount = DemoAccount {
    email: "ei-laskutusta@example.fi",
    password: "Demo-Salasana-2",
    description: "No billing agreement: can sign in, cannot order",
};

/// Billing agreement valid, no pay-TV card: pay channels are refused.
pub const NO_PAY_TV_CARD: DemoAccount = DemoAccount {
    email: "ei-korttia@example.fi",
    password: "Demo-Salasana-3",
    description: "No pay-TV card: can order, but not pay channels (Turvapaketti 3, TV basic)",
};

/// Former customer: sign-in is refused (no valid customer relationship).
pub const FORMER: DemoAccount = DemoAccount {
    email: "entinen@example.fi",
    password: "Demo-Salasana-4",
    description: "Former customer: sign-in refused (no customer relationship)",
};

pub const ACCOUNTS: &[DemoAccount] = &[FAMILY, NO_BILLING, NO_PAY_TV_CARD, FORMER];

struct Customer {
    account: DemoAccount,
    number: &'static str,
    name: &'static str,
    phone: &'static str,
    street: &'static str,
    postal_code: &'static str,
    city: &'static str,
    relationship: bool,
    billing: bool,
    card: Option<(&'static str, i64)>,
}

struct Service {
    product: &'static str,
    start_days_ago: u64,
    /// `Some(n)`: ends n days from today (negative: ended).
    end_in_days: Option<i64>,
    mix: Option<&'static [&'static str]>,
    devices_in_use: u32,
}

/// The demo households' protected devices: name, OS (wire name), last seen
/// this many hours ago. A service with `devices_in_use = n` gets the first n.
const DEMO_DEVICES: &[(&str, &str, i64)] = &[
    ("Annan kannettava", "windows", 2),
    ("Perheen iMac", "macos", 26),
    ("Eetun puhelin", "android", 5),
    ("Mummon tabletti", "ios", 24 * 40),
];

fn plus(today: NaiveDate, days: i64) -> NaiveDate {
    if days >= 0 {
        today + Days::new(days as u64)
    } else {
        today - Days::new(days.unsigned_abs())
    }
}

/// Seeds the demo customers when the database has none.
pub(crate) async fn seed_if_new(
    pool: &SqlitePool,
    today: NaiveDate,
    params: PasswordHashParams,
) -> Result<bool, ServerError> {
    let count: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM customers")
        .fetch_one(pool)
        .await?;
    if count > 0 {
        return Ok(false);
    }
    let customers = [
        (
            Customer {
                account: FAMILY,
                number: "100457",
                name: "Anna Virtanen",
                phone: "040 123 4567",
                street: "Hämeenkatu 12 A 5",
                postal_code: "33100",
                city: "Tampere",
                relationship: true,
                billing: true,
                card: Some(("7100 2345 6789", 365)),
            },
            vec![
                Service {
                    product: "turvapaketti-5",
                    // Fixed term of 12 months ending 20 days from today.
                    start_days_ago: 0,
                    end_in_days: Some(20),
                    mix: None,
                    devices_in_use: 3,
                },
                Service {
                    // Fixed term ending within a week: the 7-day reminder.
                    product: "tv-urheilukausi",
                    start_days_ago: 0,
                    end_in_days: Some(5),
                    mix: None,
                    devices_in_use: 0,
                },
                Service {
                    product: "tv-perus",
                    start_days_ago: 400,
                    end_in_days: None,
                    mix: None,
                    devices_in_use: 0,
                },
                Service {
                    product: "mix-6",
                    start_days_ago: 200,
                    end_in_days: None,
                    mix: Some(&[
                        "mtv-sub",
                        "liv",
                        "jim",
                        "national-geographic",
                        "discovery",
                        "history",
                    ]),
                    devices_in_use: 0,
                },
                Service {
                    product: "maksu-elokuvat",
                    start_days_ago: 90,
                    end_in_days: None,
                    mix: None,
                    devices_in_use: 0,
                },
                Service {
                    product: "laajakaista-200",
                    start_days_ago: 700,
                    end_in_days: None,
                    mix: None,
                    devices_in_use: 0,
                },
                Service {
                    product: "laajakaista-50",
                    start_days_ago: 1500,
                    end_in_days: Some(-701),
                    mix: None,
                    devices_in_use: 0,
                },
            ],
        ),
        (
            Customer {
                account: NO_BILLING,
                number: "100458",
                name: "Matti Meikäläinen",
                phone: "050 765 4321",
                street: "Kauppakatu 3",
                postal_code: "40100",
                city: "Jyväskylä",
                relationship: true,
                billing: false,
                card: None,
            },
            vec![Service {
                product: "laajakaista-50",
                start_days_ago: 300,
                end_in_days: None,
                mix: None,
                devices_in_use: 0,
            }],
        ),
        (
            Customer {
                account: NO_PAY_TV_CARD,
                number: "100459",
                name: "Liisa Laine",
                phone: "044 987 6543",
                street: "Rautatienkatu 7 B 12",
                postal_code: "33100",
                city: "Tampere",
                relationship: true,
                billing: true,
                card: None,
            },
            vec![
                Service {
                    product: "tv-perus",
                    start_days_ago: 120,
                    end_in_days: None,
                    mix: None,
                    devices_in_use: 0,
                },
                Service {
                    product: "turvapaketti-3",
                    start_days_ago: 30,
                    end_in_days: None, // computed from the 12-month term
                    mix: None,
                    devices_in_use: 1,
                },
            ],
        ),
        (
            Customer {
                account: FORMER,
                number: "100321",
                name: "Erkki Entinen",
                phone: "045 111 2222",
                street: "Satakunnankatu 20",
                postal_code: "33210",
                city: "Tampere",
                relationship: false,
                billing: false,
                card: None,
            },
            vec![Service {
                product: "tv-perus",
                start_days_ago: 800,
                end_in_days: Some(-100),
                mix: None,
                devices_in_use: 0,
            }],
        ),
    ];

    // Hash the demo passwords in parallel: argon2 is the slow part of start-up.
    let tasks: Vec<_> = customers
        .iter()
        .map(|(c, _)| {
            let pw = c.account.password.to_string();
            tokio::task::spawn_blocking(move || crate::auth::hash_password(&pw, params))
        })
        .collect();
    let mut hashes = Vec::new();
    for task in tasks {
        hashes.push(
            task.await
                .map_err(|e| ServerError::Other(e.to_string()))?
                .map_err(ServerError::Other)?,
        );
    }

    let catalogue = crate::catalogue::catalogue();
    let mut tx = pool.begin_with("BEGIN IMMEDIATE").await?;
    for ((c, services), hash) in customers.iter().zip(hashes) {
        let customer_id: i64 = sqlx::query_scalar(
            "INSERT INTO customers (customer_number, name, email, phone, street, postal_code, city,
                password_hash, relationship_valid, billing_agreement_valid,
                pay_tv_card_number, pay_tv_card_valid_until, created_at)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
        )
        .bind(c.number)
        .bind(c.name)
        .bind(c.account.email)
        .bind(c.phone)
        .bind(c.street)
        .bind(c.postal_code)
        .bind(c.city)
        .bind(hash)
        .bind(c.relationship)
        .bind(c.billing)
        .bind(c.card.map(|(n, _)| n))
        .bind(c.card.map(|(_, days)| plus(today, days)))
        .bind(now_ms())
        .fetch_one(&mut *tx)
        .await?;
        for s in services {
            let product = catalogue
                .product(s.product)
                .ok_or_else(|| ServerError::Other(format!("unknown demo product {}", s.product)))?;
            let (start, end) = match (product.term_months, s.end_in_days) {
                (Some(term), Some(days)) => {
                    let end = plus(today, days);
                    (end - Months::new(term), Some(end))
                }
                (Some(term), None) => {
                    let start = today - Days::new(s.start_days_ago);
                    (start, Some(start + Months::new(term)))
                }
                (None, end) => (
                    today - Days::new(s.start_days_ago),
                    end.map(|d| plus(today, d)),
                ),
            };
            let security = product.devices_allowed.is_some();
            let service_id: i64 = sqlx::query_scalar(
                "INSERT INTO services (customer_id, product_id, start_date, end_date, mix_channels,
                    subscription_key, device_code, created_at)
                 VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
            )
            .bind(customer_id)
            .bind(s.product)
            .bind(start)
            .bind(end)
            .bind(s.mix.map(|m| serde_json::to_string(m).unwrap_or_default()))
            .bind(security.then(new_subscription_key))
            .bind(security.then(new_device_code))
            .bind(now_ms())
            .fetch_one(&mut *tx)
            .await?;
            for (name, os, seen_hours_ago) in DEMO_DEVICES.iter().take(s.devices_in_use as usize) {
                let seen = now_ms() - seen_hours_ago * 3600 * 1000;
                sqlx::query(
                    "INSERT INTO devices (service_id, name, os, app_version, registered_at, last_seen)
                     VALUES (?, ?, ?, ?, ?, ?)",
                )
                .bind(service_id)
                .bind(name)
                .bind(os)
                .bind(crate::installers::INSTALLER_VERSION)
                .bind(seen - 90 * 24 * 3600 * 1000)
                .bind(seen)
                .execute(&mut *tx)
                .await?;
            }
        }
    }
    tx.commit().await?;
    Ok(true)
}
