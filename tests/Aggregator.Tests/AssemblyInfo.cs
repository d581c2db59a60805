global using Xunit;
using System.Runtime.Versioning;

[assembly: SupportedOSPlatform("linux")]
