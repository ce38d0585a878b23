"""Webhook targets must be public: no loopback, private, link-local or cloud-metadata address.

Checked at registration (a literal address, or a name that resolves to one) and again before
every attempt, after resolving the name, and the request then goes to the address that was
checked, so a name that re-resolves to 127.0.0.1 (DNS rebinding) reaches nothing private.
"""

import ipaddress
import socket
from dataclasses import dataclass
from urllib.parse import urlsplit

from django.conf import settings

from heymilo.errors import Invalid

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address

# Metadata services of the big clouds; all are also link-local, private or shared addresses,
# named here so the refusal says what the address is.
METADATA_ADDRESSES = {
    ipaddress.ip_address("169.254.169.254"),  # AWS, GCP, Azure, DigitalOcean, OpenStack
    ipaddress.ip_address("169.254.170.2"),  # AWS ECS task metadata
    ipaddress.ip_address("fd00:ec2::254"),  # AWS over IPv6
    ipaddress.ip_address("100.100.100.200"),  # Alibaba Cloud
    ipaddress.ip_address("192.0.0.192"),  # Oracle Cloud
}
# Names that mean "this machine" or "the metadata service" without asking DNS.
LOCAL_NAMES = ("localhost", "metadata", "metadata.google.internal", "instance-data")
LOCAL_SUFFIXES = (".localhost", ".local", ".internal", ".localdomain")
# NAT64 and 6to4 embed an IPv4 address that is what actually gets reached.
NAT64 = ipaddress.ip_network("64:ff9b::/96")


class UnsafeUrl(Invalid):
    """The URL is not an http(s) URL to a public address."""

    def __init__(self, message: str):
        super().__init__("url_not_allowed", message, param="url")


class UnresolvableHost(ValueError):
    """DNS gave no address for the host (a temporary failure, or a name that does not exist)."""


@dataclass(frozen=True)
class Target:
    """A checked URL: connect to `address`, but speak to `hostname` (Host header, TLS SNI)."""

    url: str
    scheme: str
    hostname: str
    port: int
    address: IPAddress


def url_parts(url: str) -> tuple[str, str, int]:
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https"):
        raise UnsafeUrl("Must be an http or https URL.")
    try:
        hostname, port = parts.hostname, parts.port
    except ValueError:
        raise UnsafeUrl("The port is not a number between 0 and 65535.") from None
    if not hostname:
        raise UnsafeUrl("The URL has no host.")
    return scheme, hostname.rstrip(".").lower(), port or (443 if scheme == "https" else 80)


def address_problem(address: IPAddress) -> str | None:
    """Why this address is not a public unicast one, or None when it is."""
    if isinstance(address, ipaddress.IPv6Address):
        embedded = address.ipv4_mapped or address.sixtofour
        if address in NAT64:
            embedded = ipaddress.IPv4Address(int(address) & 0xFFFFFFFF)
        if embedded is not None:
            return address_problem(embedded)
    if address in METADATA_ADDRESSES:
        return "a cloud metadata address"
    for label, flag in (
        ("an unspecified", address.is_unspecified),
        ("a loopback", address.is_loopback),
        ("a link-local", address.is_link_local),
        ("a multicast", address.is_multicast),
        ("a private", address.is_private),
        ("a reserved", address.is_reserved),
    ):
        if flag:
            return f"{label} address"
    return None if address.is_global else "a non-public address"


def name_problem(hostname: str) -> str | None:
    if hostname in LOCAL_NAMES or hostname.endswith(LOCAL_SUFFIXES):
        return "a local host name"
    return None


def literal_address(hostname: str) -> IPAddress | None:
    try:
        return ipaddress.ip_address(hostname.strip("[]").split("%", 1)[0])
    except ValueError:
        return None


def resolve(hostname: str, port: int) -> list[IPAddress]:
    literal = literal_address(hostname)
    if literal is not None:
        return [literal]
    try:
        infos = socket.getaddrinfo(hostname, port, type=socket.SOCK_STREAM)
    except (OSError, UnicodeError) as exc:
        raise UnresolvableHost(f"Could not resolve {hostname}: {exc}") from None
    addresses = []
    for info in infos:
        address = ipaddress.ip_address(info[4][0].split("%", 1)[0])
        if address not in addresses:
            addresses.append(address)
    return addresses


def refuse_local_name(hostname: str) -> None:
    problem = name_problem(hostname)
    if problem:
        raise UnsafeUrl(f"{hostname} is {problem}; webhooks must target a public address.")


def refuse_private(hostname: str, addresses: list[IPAddress]) -> None:
    """Every address must be public: a name with one private address is a way in."""
    for address in addresses:
        problem = address_problem(address)
        if problem:
            shown = "" if str(address) == hostname.strip("[]") else f" resolves to {address}, which"
            raise UnsafeUrl(
                f"{hostname}{shown} is {problem}; webhooks must target a public address."
            )


def url_check_registration(url: str) -> None:
    """At registration a name that does not resolve yet is accepted; delivery checks again."""
    _, hostname, port = url_parts(url)
    if settings.WEBHOOKS_ALLOW_PRIVATE_URLS:
        return
    refuse_local_name(hostname)
    try:
        addresses = resolve(hostname, port)
    except UnresolvableHost:
        return
    refuse_private(hostname, addresses)


def url_target(url: str) -> Target:
    """Resolve and check the URL right before an attempt; raises UnsafeUrl or UnresolvableHost.

    Only the resolved addresses count here: what a name is called does not matter, where it
    points now does.
    """
    scheme, hostname, port = url_parts(url)
    addresses = resolve(hostname, port)
    if not addresses:
        raise UnresolvableHost(f"Could not resolve {hostname}: no address.")
    if not settings.WEBHOOKS_ALLOW_PRIVATE_URLS:
        refuse_private(hostname, addresses)
    return Target(url=url, scheme=scheme, hostname=hostname, port=port, address=addresses[0])
