//! Retry timing: capped exponential backoff (backon) with full jitter, and
//! `Retry-After` in both its forms (delta-seconds and HTTP-date).

use crate::config::RetryPolicy;
use crate::error::ClientError;
use backon::ExponentialBuilder;
use std::time::{Duration, SystemTime};

/// Parses a `Retry-After` value: `120` or `Wed, 21 Oct 2026 07:28:00 GMT`.
/// A date in the past means "now".
pub fn parse_retry_after(value: &str, now: SystemTime) -> Option<Duration> {
    let v = value.trim();
    if let Ok(secs) = v.parse::<u64>() {
        return Some(Duration::from_secs(secs));
    }
    let when = httpdate::parse_http_date(v).ok()?;
    Some(when.duration_since(now).unwrap_or(Duration::ZERO))
}

/// Rounds a wait up to whole seconds, for `ClientError::retry_after`.
pub(crate) fn ceil_secs(d: Duration) -> u64 {
    d.as_secs() + u64::from(d.subsec_nanos() > 0)
}

/// The capped exponential schedule; jitter is applied by [`next_delay`].
pub(crate) fn backoff(policy: &RetryPolicy) -> ExponentialBuilder {
    ExponentialBuilder::default()
        .with_min_delay(policy.min_delay)
        .with_max_delay(policy.max_delay)
        .with_max_times(policy.max_retries)
        .with_factor(2.0)
}

/// The wait before the next attempt: the server's `Retry-After` when it
/// gave one (up to `max_retry_after`; a longer one stops retrying), else
/// "full jitter" — a uniformly random part of the exponential delay.
pub(crate) fn next_delay(
    policy: &RetryPolicy,
    err: &ClientError,
    scheduled: Option<Duration>,
) -> Option<Duration> {
    let scheduled = scheduled?;
    if let Some(secs) = err.retry_after {
        let wait = Duration::from_secs(secs);
        return (wait <= policy.max_retry_after).then_some(wait);
    }
    Some(scheduled.mul_f64(rand::random::<f64>()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retry_after_both_forms() {
        let now = SystemTime::UNIX_EPOCH + Duration::from_secs(1_700_000_000);
        assert_eq!(parse_retry_after("7", now), Some(Duration::from_secs(7)));
        assert_eq!(parse_retry_after(" 0 ", now), Some(Duration::ZERO));
        let later = httpdate::fmt_http_date(now + Duration::from_secs(42));
        assert_eq!(
            parse_retry_after(&later, now),
            Some(Duration::from_secs(42))
        );
        let past = httpdate::fmt_http_date(now - Duration::from_secs(42));
        assert_eq!(parse_retry_after(&past, now), Some(Duration::ZERO));
        assert_eq!(parse_retry_after("soon", now), None);
        assert_eq!(parse_retry_after("-3", now), None);
    }

    #[test]
    fn backoff_is_capped_and_bounded() {
        let policy = RetryPolicy {
            max_retries: 6,
            min_delay: Duration::from_millis(100),
            max_delay: Duration::from_millis(800),
            ..RetryPolicy::default()
        };
        let delays: Vec<Duration> = backon::BackoffBuilder::build(backoff(&policy)).collect();
        assert_eq!(delays.len(), 6);
        assert!(delays.iter().all(|d| *d <= Duration::from_millis(800)));
        let e = ClientError::offline("x");
        for _ in 0..100 {
            let d = next_delay(&policy, &e, Some(Duration::from_millis(800))).unwrap();
            assert!(d <= Duration::from_millis(800));
        }
        assert_eq!(next_delay(&policy, &e, None), None);
        let ra = ClientError::offline("x").with_retry_after(2);
        assert_eq!(
            next_delay(&policy, &ra, Some(Duration::from_millis(1))),
            Some(Duration::from_secs(2))
        );
        let too_long = ClientError::offline("x").with_retry_after(3600);
        assert_eq!(
            next_delay(&policy, &too_long, Some(Duration::from_millis(1))),
            None
        );
    }
}
