//! Fetching http(s) URLs: a blocking client with timeouts, a size cap, a redirect limit and an
//! honest user agent, and an [`AddressPolicy`] that refuses private, loopback, link-local,
//! unspecified and multicast addresses.
//!
//! The policy is applied where it cannot be dodged: inside the client's DNS resolver, so the
//! connection goes only to the addresses that were checked (a name that resolves to a public
//! address for the check and to a private one for the connection gains nothing). Redirects are
//! followed here, one hop at a time, so every hop is resolved and checked again.

use std::io::{self, Read};
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr, ToSocketAddrs};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use url::Url;

use crate::IngestError;

/// Which addresses a fetch may connect to, checked after DNS resolution at every hop.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum AddressPolicy {
    /// Public addresses only: private (RFC 1918, unique-local), loopback, link-local,
    /// unspecified, multicast, broadcast, shared (carrier-grade NAT), documentation and reserved
    /// ranges are refused. The default.
    #[default]
    PublicOnly,
    /// Any address (`--allow-private`): for an intranet server, or a test server on 127.0.0.1.
    AllowAll,
    /// Public addresses and these ones (`--allow-address`): one known intranet server, while
    /// every other private address stays refused.
    PublicAnd(Vec<IpAddr>),
}

impl AddressPolicy {
    /// True when a fetch may connect to `ip`.
    pub fn allows(&self, ip: IpAddr) -> bool {
        match self {
            AddressPolicy::AllowAll => true,
            AddressPolicy::PublicOnly => is_public(ip),
            AddressPolicy::PublicAnd(extra) => is_public(ip) || extra.contains(&ip),
        }
    }
}

/// True for addresses on the public internet.
fn is_public(ip: IpAddr) -> bool {
    match ip {
        IpAddr::V4(v4) => is_public_v4(v4),
        IpAddr::V6(v6) => {
            if let Some(v4) = v6.to_ipv4_mapped() {
                return is_public_v4(v4);
            }
            let first = v6.segments()[0];
            !(v6.is_loopback()
                || v6.is_unspecified()
                || v6.is_multicast()
                || (first & 0xfe00) == 0xfc00 // unique local fc00::/7
                || (first & 0xffc0) == 0xfe80 // link-local fe80::/10
                || (first & 0xffc0) == 0xfec0 // site-local fec0::/10 (deprecated)
                || (first == 0x2001 && v6.segments()[1] == 0x0db8) // documentation
                || is_v4_compatible(v6))
        }
    }
}

/// `::a.b.c.d` (deprecated IPv4-compatible form), which some stacks still route to IPv4.
fn is_v4_compatible(v6: Ipv6Addr) -> bool {
    v6.segments()[..6].iter().all(|&s| s == 0)
}

fn is_public_v4(v4: Ipv4Addr) -> bool {
    let [a, b, ..] = v4.octets();
    !(v4.is_private()
        || v4.is_loopback()
        || v4.is_link_local()
        || v4.is_unspecified()
        || v4.is_multicast()
        || v4.is_broadcast()
        || v4.is_documentation()
        || a == 0 // "this network"
        || (a == 100 && (64..128).contains(&b)) // shared address space 100.64/10
        || (a == 192 && b == 0 && v4.octets()[2] == 0) // IETF protocol assignments
        || (a == 198 && (18..20).contains(&b)) // benchmarking 198.18/15
        || a >= 240) // reserved
}

/// Default for [`FetchOptions::timeout`].
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(30);

/// Default for [`FetchOptions::max_redirects`].
pub const DEFAULT_MAX_REDIRECTS: u32 = 5;

/// How URLs are fetched. The size cap is [`IngestOptions::max_bytes`](crate::IngestOptions).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FetchOptions {
    /// Longest a whole fetch (each hop: connect, request and body) may take.
    pub timeout: Duration,
    /// Most redirects followed before giving up.
    pub max_redirects: u32,
    /// The `User-Agent` sent: names the tool, its version and where to read about it.
    pub user_agent: String,
    /// Which addresses may be connected to.
    pub policy: AddressPolicy,
}

impl Default for FetchOptions {
    fn default() -> Self {
        FetchOptions {
            timeout: DEFAULT_TIMEOUT,
            max_redirects: DEFAULT_MAX_REDIRECTS,
            user_agent: format!(
                "corroborate/{} (news report ingest; {})",
                env!("CARGO_PKG_VERSION"),
                env!("CARGO_PKG_REPOSITORY")
            ),
            policy: AddressPolicy::PublicOnly,
        }
    }
}

/// A fetched page.
#[derive(Debug)]
pub(crate) struct Fetched {
    /// The URL after redirects.
    pub(crate) url: String,
    /// The media type of the `Content-Type` header, lower-cased, without parameters.
    pub(crate) media_type: Option<String>,
    /// The `charset` parameter of the `Content-Type` header.
    pub(crate) charset: Option<String>,
    /// The body, at most `max_bytes` long.
    pub(crate) body: Vec<u8>,
}

/// True when `arg` names an http(s) URL rather than a path.
pub(crate) fn is_url(arg: &str) -> bool {
    let lower = arg.get(..8).unwrap_or(arg).to_ascii_lowercase();
    lower.starts_with("http://") || lower.starts_with("https://")
}

/// Fetches `url` (the origin of the errors), following at most `options.max_redirects`
/// redirects and reading at most `max_bytes` of the body.
pub(crate) fn fetch(
    url: &str,
    options: &FetchOptions,
    max_bytes: u64,
) -> Result<Fetched, IngestError> {
    let origin = || url.to_string();
    let fail = |problem: String| IngestError::Fetch { origin: origin(), problem };
    let mut current =
        Url::parse(url.trim()).map_err(|err| fail(format!("not a valid URL: {err}")))?;
    let refused: Arc<Mutex<Option<IpAddr>>> = Arc::default();
    let agent = agent(options, Arc::clone(&refused));
    for _ in 0..=options.max_redirects {
        if !matches!(current.scheme(), "http" | "https") {
            return Err(fail(format!("{current} is not an http or https URL")));
        }
        let response = match agent.request_url("GET", &current).call() {
            Ok(response) => response,
            Err(ureq::Error::Status(status, _)) => {
                return Err(IngestError::HttpStatus {
                    origin: origin(),
                    url: current.into(),
                    status,
                })
            }
            Err(ureq::Error::Transport(transport)) => {
                let address = refused.lock().ok().and_then(|mut slot| slot.take());
                return Err(match address {
                    Some(address) => {
                        IngestError::Refused { origin: origin(), url: current.into(), address }
                    }
                    None => fail(transport.to_string()),
                });
            }
        };
        if (300..400).contains(&response.status()) {
            let location = response
                .header("location")
                .ok_or_else(|| fail(format!("{current} redirects without a Location")))?;
            current = current
                .join(location)
                .map_err(|err| fail(format!("{current} redirects to a bad URL: {err}")))?;
            continue;
        }
        return read_body(origin(), current, response, max_bytes);
    }
    Err(fail(format!("more than {} redirects", options.max_redirects)))
}

/// A client that follows no redirect itself and resolves names through the policy; a refused
/// address is left in `refused` so the error can name it.
fn agent(options: &FetchOptions, refused: Arc<Mutex<Option<IpAddr>>>) -> ureq::Agent {
    let policy = options.policy.clone();
    ureq::AgentBuilder::new()
        .redirects(0)
        .timeout_connect(options.timeout.min(Duration::from_secs(10)))
        .timeout(options.timeout)
        .user_agent(&options.user_agent)
        .resolver(move |netloc: &str| -> io::Result<Vec<SocketAddr>> {
            let (allowed, denied): (Vec<SocketAddr>, Vec<SocketAddr>) =
                netloc.to_socket_addrs()?.partition(|addr| policy.allows(addr.ip()));
            if allowed.is_empty() {
                if let (Some(addr), Ok(mut slot)) = (denied.first(), refused.lock()) {
                    *slot = Some(addr.ip());
                }
                return Err(io::Error::new(
                    io::ErrorKind::PermissionDenied,
                    "address refused by policy",
                ));
            }
            Ok(allowed)
        })
        .build()
}

fn read_body(
    origin: String,
    url: Url,
    response: ureq::Response,
    max_bytes: u64,
) -> Result<Fetched, IngestError> {
    let declared_len = response.header("content-length").and_then(|v| v.trim().parse::<u64>().ok());
    if declared_len.is_some_and(|len| len > max_bytes) {
        return Err(IngestError::TooLarge { origin, max_bytes });
    }
    let content_type = response.header("content-type").map(str::to_string);
    let mut body = Vec::new();
    response.into_reader().take(max_bytes.saturating_add(1)).read_to_end(&mut body).map_err(
        |err| IngestError::Fetch {
            origin: origin.clone(),
            problem: format!("the body could not be read: {err}"),
        },
    )?;
    if u64::try_from(body.len()).unwrap_or(u64::MAX) > max_bytes {
        return Err(IngestError::TooLarge { origin, max_bytes });
    }
    let (media_type, charset) = content_type.as_deref().map(parse_content_type).unwrap_or_default();
    Ok(Fetched { url: url.into(), media_type, charset, body })
}

/// `text/html; charset="ISO-8859-1"` → (`text/html`, `ISO-8859-1`).
fn parse_content_type(header: &str) -> (Option<String>, Option<String>) {
    let mut parts = header.split(';');
    let media = parts.next().map(|m| m.trim().to_ascii_lowercase()).filter(|m| !m.is_empty());
    let charset = parts.find_map(|param| {
        let (key, value) = param.split_once('=')?;
        key.trim()
            .eq_ignore_ascii_case("charset")
            .then(|| value.trim().trim_matches('"').to_string())
            .filter(|v| !v.is_empty())
    });
    (media, charset)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_policy_refuses_local_and_private_addresses() {
        let refused = [
            "127.0.0.1",
            "10.1.2.3",
            "172.16.0.9",
            "192.168.1.1",
            "169.254.169.254",
            "0.0.0.0",
            "224.0.0.1",
            "255.255.255.255",
            "100.64.0.1",
            "::1",
            "::",
            "fe80::1",
            "fd00::1",
            "ff02::1",
            "::ffff:127.0.0.1",
            "::ffff:10.0.0.1",
        ];
        for text in refused {
            let ip: IpAddr = text.parse().unwrap();
            assert!(!AddressPolicy::PublicOnly.allows(ip), "{text} must be refused");
            assert!(AddressPolicy::AllowAll.allows(ip));
        }
        for text in ["93.184.216.34", "1.1.1.1", "2606:4700::1111"] {
            assert!(AddressPolicy::PublicOnly.allows(text.parse().unwrap()), "{text}");
        }
    }

    #[test]
    fn content_type_gives_media_type_and_charset() {
        assert_eq!(
            parse_content_type("Text/HTML; charset=\"ISO-8859-1\""),
            (Some("text/html".into()), Some("ISO-8859-1".into()))
        );
        assert_eq!(
            parse_content_type("application/rss+xml"),
            (Some("application/rss+xml".into()), None)
        );
    }

    #[test]
    fn urls_are_told_from_paths() {
        assert!(is_url("https://news.example/a"));
        assert!(is_url("HTTP://news.example/a"));
        assert!(!is_url("reports/http.txt"));
        assert!(!is_url("ftp://x"));
    }

    #[test]
    fn a_loopback_url_is_refused_by_default_before_any_connection() {
        let err = fetch("http://127.0.0.1:9/page", &FetchOptions::default(), 1024).unwrap_err();
        assert!(matches!(err, IngestError::Refused { .. }), "{err}");
        let text = err.to_string();
        assert!(text.contains("127.0.0.1") && text.contains("--allow-private"), "{text}");
    }
}
