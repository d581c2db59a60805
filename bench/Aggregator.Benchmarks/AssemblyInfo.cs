using System.Runtime.Versioning;

// References the service assembly, which is Linux-only.
[assembly: SupportedOSPlatform("linux")]
