//! Rate limits on the public and sign-in paths (server only).
//!
//! Each limit is a token bucket per key (a client address, an account, a
//! mailbox): a burst, then one more request per interval. Buckets live in
//! this process; with several processes each keeps its own, so the limit
//! a client meets is at most the number of processes times this one.

use std::net::IpAddr;
use std::num::NonZeroU32;
use std::time::Duration;

use governor::clock::{Clock, DefaultClock};
use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};

use crate::error::AppError;

/// The client's address as the rate limits count it (the peer, or what a
/// trusted proxy says), put on every request for handlers to read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ClientAddress(pub IpAddr);

/// What is limited, and by which key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Limit {
    /// Password sign-ins from one address.
    LoginFromAddress,
    /// Password sign-ins to one account from one address (known or not:
    /// the same answer). Per address too, so that nobody can lock an
    /// account's owner out by failing on purpose.
    LoginToAccount,
    /// "Send me a sign-in link" from one address.
    LinkRequestFromAddress,
    /// Sign-in links sent to one mailbox (no mail bombing a victim).
    LinkRequestToMailbox,
    /// Public registrations from one address.
    RegistrationFromAddress,
    /// Sign-ins by link from one address.
    LinkSignInFromAddress,
    /// People a head adds to their delegation (each answer says whether
    /// the address is registered already).
    MembersAddedByAccount,
    /// Changes a person makes to their own (or their delegation's) travel:
    /// each writes an audit entry.
    TravelChangesByAccount,
}

impl Limit {
    pub const ALL: [Limit; 8] = [
        Limit::LoginFromAddress,
        Limit::LoginToAccount,
        Limit::LinkRequestFromAddress,
        Limit::LinkRequestToMailbox,
        Limit::RegistrationFromAddress,
        Limit::LinkSignInFromAddress,
        Limit::MembersAddedByAccount,
        Limit::TravelChangesByAccount,
    ];

    /// Whether the limit counts per account or mailbox (`check_name`)
    /// rather than per client address (`check_address`).
    const fn by_name(self) -> bool {
        matches!(
            self,
            Limit::LoginToAccount
                | Limit::LinkRequestToMailbox
                | Limit::MembersAddedByAccount
                | Limit::TravelChangesByAccount
        )
    }

    /// (burst, one more every `seconds`): generous for a hall of delegates
    /// behind one Wi-Fi address, tight for a script.
    const fn default_rate(self) -> (u32, u64) {
        match self {
            Limit::LoginFromAddress => (30, 3),
            Limit::LoginToAccount => (10, 60),
            Limit::LinkRequestFromAddress => (10, 30),
            Limit::LinkRequestToMailbox => (3, 600),
            Limit::RegistrationFromAddress => (20, 60),
            Limit::LinkSignInFromAddress => (30, 6),
            Limit::MembersAddedByAccount => (30, 60),
            // A head entering a large delegation's flights and passports.
            Limit::TravelChangesByAccount => (120, 5),
        }
    }

    fn quota(self, scale: u32) -> Quota {
        let (burst, seconds) = self.default_rate();
        let burst = NonZeroU32::new(burst.saturating_mul(scale.max(1))).unwrap_or(NonZeroU32::MIN);
        // A larger scale also refills faster, so a scaled limit stays a
        // limit of the same shape.
        let period = Duration::from_secs(seconds) / scale.max(1);
        Quota::with_period(period.max(Duration::from_millis(1)))
            .unwrap_or_else(|| Quota::per_second(NonZeroU32::MIN))
            .allow_burst(burst)
    }
}

/// A client as rate limits see it: one IPv4 address, or one IPv6 /64
/// (a single subscriber usually holds a whole /64).
fn client_key(address: IpAddr) -> u128 {
    match address {
        IpAddr::V4(v4) => u128::from(u32::from(v4)),
        IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
            Some(v4) => u128::from(u32::from(v4)),
            None => (u128::from(v6) >> 64) << 64 | 1 << 63,
        },
    }
}

/// Every bucket of the process.
pub struct Throttle {
    by_address: Vec<(Limit, DefaultKeyedRateLimiter<u128>)>,
    by_name: Vec<(Limit, DefaultKeyedRateLimiter<String>)>,
    clock: DefaultClock,
}

impl std::fmt::Debug for Throttle {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Throttle").finish_non_exhaustive()
    }
}

impl Default for Throttle {
    fn default() -> Self {
        Throttle::new(1)
    }
}

impl Throttle {
    /// The limits above, each burst and rate multiplied by `scale`
    /// (`CF_RATE_LIMIT_SCALE`: for test suites that sign in from one
    /// address hundreds of times).
    pub fn new(scale: u32) -> Throttle {
        Throttle {
            by_address: Limit::ALL
                .into_iter()
                .filter(|l| !l.by_name())
                .map(|l| (l, RateLimiter::keyed(l.quota(scale))))
                .collect(),
            by_name: Limit::ALL
                .into_iter()
                .filter(|l| l.by_name())
                .map(|l| (l, RateLimiter::keyed(l.quota(scale))))
                .collect(),
            clock: DefaultClock::default(),
        }
    }

    /// Takes one request from the client's bucket; `RateLimited` with the
    /// seconds to wait when it is empty.
    pub fn check_address(&self, limit: Limit, address: IpAddr) -> Result<(), AppError> {
        let Some((_, limiter)) = self.by_address.iter().find(|(l, _)| *l == limit) else {
            return Ok(());
        };
        limiter
            .check_key(&client_key(address))
            .map_err(|until| self.refusal(until.wait_time_from(self.clock.now())))
    }

    /// Takes one request from a named bucket (an account, a mailbox),
    /// compared case-insensitively.
    pub fn check_name(&self, limit: Limit, name: &str) -> Result<(), AppError> {
        let Some((_, limiter)) = self.by_name.iter().find(|(l, _)| *l == limit) else {
            return Ok(());
        };
        limiter
            .check_key(&name.trim().to_lowercase())
            .map_err(|until| self.refusal(until.wait_time_from(self.clock.now())))
    }

    fn refusal(&self, wait: Duration) -> AppError {
        AppError::RateLimited(wait.as_secs().saturating_add(1))
    }

    /// Forgets buckets that are full again, so that a flood of addresses
    /// cannot grow memory without bound. Run it every minute or so.
    pub fn sweep(&self) {
        for (_, limiter) in &self.by_address {
            limiter.retain_recent();
            limiter.shrink_to_fit();
        }
        for (_, limiter) in &self.by_name {
            limiter.retain_recent();
            limiter.shrink_to_fit();
        }
    }

    /// Buckets held now (all limits).
    pub fn keys(&self) -> usize {
        self.by_address.iter().map(|(_, l)| l.len()).sum::<usize>()
            + self.by_name.iter().map(|(_, l)| l.len()).sum::<usize>()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_burst_passes_then_the_next_request_is_told_when_to_return() {
        let throttle = Throttle::new(1);
        let address: IpAddr = "203.0.113.7".parse().unwrap();
        let (burst, _) = Limit::LinkRequestFromAddress.default_rate();
        for _ in 0..burst {
            assert_eq!(
                throttle.check_address(Limit::LinkRequestFromAddress, address),
                Ok(())
            );
        }
        match throttle.check_address(Limit::LinkRequestFromAddress, address) {
            Err(AppError::RateLimited(seconds)) => assert!((1..=31).contains(&seconds)),
            other => panic!("expected a refusal, got {other:?}"),
        }
        // Another address, another limit: untouched.
        let other: IpAddr = "203.0.113.8".parse().unwrap();
        assert_eq!(
            throttle.check_address(Limit::LinkRequestFromAddress, other),
            Ok(())
        );
        assert_eq!(
            throttle.check_address(Limit::LoginFromAddress, address),
            Ok(())
        );
    }

    #[test]
    fn an_ipv6_subscriber_is_one_client_across_its_64() {
        let a: IpAddr = "2001:db8:1:2::1".parse().unwrap();
        let b: IpAddr = "2001:db8:1:2:ffff::9".parse().unwrap();
        let c: IpAddr = "2001:db8:1:3::1".parse().unwrap();
        assert_eq!(client_key(a), client_key(b));
        assert_ne!(client_key(a), client_key(c));
        let mapped: IpAddr = "::ffff:192.0.2.1".parse().unwrap();
        let v4: IpAddr = "192.0.2.1".parse().unwrap();
        assert_eq!(client_key(mapped), client_key(v4));
    }

    #[test]
    fn every_limit_refuses_past_its_burst_by_its_own_key() {
        // MembersAddedByAccount was once counted per address while checked
        // per account: the check found no bucket and always let through.
        let throttle = Throttle::new(1);
        let address: IpAddr = "198.51.100.20".parse().unwrap();
        for limit in Limit::ALL {
            let (burst, _) = limit.default_rate();
            let check = || {
                if limit.by_name() {
                    throttle.check_name(limit, "head@city.example")
                } else {
                    throttle.check_address(limit, address)
                }
            };
            for _ in 0..burst {
                assert_eq!(check(), Ok(()), "{limit:?}");
            }
            assert!(
                matches!(check(), Err(AppError::RateLimited(_))),
                "{limit:?} let one more through"
            );
        }
    }

    #[test]
    fn account_buckets_ignore_case() {
        let throttle = Throttle::new(1);
        let (burst, _) = Limit::LoginToAccount.default_rate();
        for i in 0..burst {
            let name = if i % 2 == 0 {
                "Mayor@X.org"
            } else {
                "mayor@x.org "
            };
            assert_eq!(throttle.check_name(Limit::LoginToAccount, name), Ok(()));
        }
        assert!(
            throttle
                .check_name(Limit::LoginToAccount, "MAYOR@x.org")
                .is_err()
        );
        assert_eq!(throttle.keys(), 1);
    }

    #[test]
    fn a_scale_raises_the_burst() {
        let throttle = Throttle::new(10);
        let (burst, _) = Limit::LinkRequestToMailbox.default_rate();
        for _ in 0..burst * 10 {
            assert_eq!(
                throttle.check_name(Limit::LinkRequestToMailbox, "a@b.org"),
                Ok(())
            );
        }
        assert!(
            throttle
                .check_name(Limit::LinkRequestToMailbox, "a@b.org")
                .is_err()
        );
    }
}
