//! The client's reads that fall back to the saved copy when the portal cannot
//! be reached ([`ClientError::is_offline`]): fresh data is saved, off the
//! async threads, for next time.

use crate::cache::{Cache, CacheKind, Cached};
use crate::client::PortalClient;
use crate::error::{ClientError, Result};
use crate::fsutil::{blocking, write_atomic};
use chrono::Utc;
use portal_api::{Catalogue, CustomerDetails, ServiceList};
use serde::de::DeserializeOwned;
use serde::Serialize;

const PUBLIC_ACCOUNT: &str = "";

impl PortalClient {
    async fn cached<T, F, Fut>(
        &self,
        kind: CacheKind,
        account: String,
        fetch: F,
    ) -> Result<Cached<T>>
    where
        T: Serialize + DeserializeOwned + Send + 'static,
        F: FnOnce() -> Fut,
        Fut: std::future::Future<Output = Result<T>>,
    {
        match fetch().await {
            Ok(data) => {
                let now = Utc::now();
                let bytes = Cache::encode(&data, now);
                let path = self.inner.cache.path(&account, kind);
                if let Err(e) = blocking(move || write_atomic(&path, &bytes)).await {
                    let e = ClientError::io("save the offline copy", &e);
                    tracing::warn!(code = %e.code, "could not save the offline copy");
                }
                Ok(Cached {
                    data,
                    fetched_at: now,
                    from_cache: false,
                })
            }
            Err(e) if e.is_offline() => {
                let cache = self.inner.cache.clone();
                match blocking(move || Ok(cache.load(&account, kind))).await {
                    Ok(Some(c)) => Ok(c),
                    _ => Err(e),
                }
            }
            Err(e) => Err(e),
        }
    }

    async fn account_or_err(&self) -> Result<String> {
        self.account().await.ok_or_else(ClientError::not_signed_in)
    }

    /// Customer details: fresh when the portal answers (and saved), else the
    /// saved copy marked `from_cache`.
    pub async fn customer_cached(&self) -> Result<Cached<CustomerDetails>> {
        let account = self.account_or_err().await?;
        self.cached(CacheKind::Customer, account, || self.customer())
            .await
    }

    /// Ordered services, fresh or from the cache (see [`Self::customer_cached`]).
    pub async fn services_cached(&self) -> Result<Cached<ServiceList>> {
        let account = self.account_or_err().await?;
        self.cached(CacheKind::Services, account, || self.services())
            .await
    }

    /// The catalogue, fresh or from the cache. Public, cached under the
    /// signed-in account (or a shared slot when signed out).
    pub async fn catalogue_cached(&self) -> Result<Cached<Catalogue>> {
        let account = self
            .account()
            .await
            .unwrap_or_else(|| PUBLIC_ACCOUNT.into());
        self.cached(CacheKind::Catalogue, account, || self.catalogue())
            .await
    }

    /// The saved services of an account without any network.
    pub fn peek_services(&self, account: &str) -> Option<Cached<ServiceList>> {
        self.inner.cache.load(account, CacheKind::Services)
    }

    /// The cache (for inspection and tests).
    pub fn cache(&self) -> &Cache {
        &self.inner.cache
    }
}
