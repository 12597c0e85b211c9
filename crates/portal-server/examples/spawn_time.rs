//! Measures how long `spawn` takes (debug builds are much slower than release).
use portal_server::{PasswordHashParams, ServerConfig};

async fn time(name: &str, config: ServerConfig) {
    let t = std::time::Instant::now();
    let s = portal_server::spawn(config).await.unwrap();
    println!("{name}: spawn {:?}", t.elapsed());
    let t = std::time::Instant::now();
    let r = reqwest::Client::new()
        .post(format!("{}/api/v1/session", s.base_url()))
        .json(&serde_json::json!({"email": "perhe@example.fi", "password": "Demo-Salasana-1"}))
        .send()
        .await
        .unwrap();
    println!("{name}: sign-in {} in {:?}", r.status(), t.elapsed());
    s.shutdown().await;
}

#[tokio::main]
async fn main() {
    time("default", ServerConfig::default()).await;
    time(
        "fast hashes",
        ServerConfig {
            password_hash: PasswordHashParams::INSECURE_FAST,
            ..Default::default()
        },
    )
    .await;
    time(
        "fast hashes, 200 kB installers",
        ServerConfig {
            password_hash: PasswordHashParams::INSECURE_FAST,
            installer_size: 200_000,
            ..Default::default()
        },
    )
    .await;
}
