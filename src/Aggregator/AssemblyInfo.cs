using System.Runtime.Versioning;

// The embedded PostgreSQL runs server binaries as an unprivileged Unix user; the service targets Linux.
[assembly: SupportedOSPlatform("linux")]
