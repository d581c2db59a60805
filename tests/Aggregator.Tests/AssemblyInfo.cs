global using Xunit;
global using Microsoft.Extensions.DependencyInjection;
using System.Runtime.Versioning;

[assembly: SupportedOSPlatform("linux")]
