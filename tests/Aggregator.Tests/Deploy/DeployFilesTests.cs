using System.Net;
using System.Text.RegularExpressions;
using Aggregator.Tests.Support;
using YamlDotNet.Core;
using YamlDotNet.Serialization;

namespace Aggregator.Tests.Deploy;

/// <summary>
/// What can be checked here of the deployment files without Docker or a cluster: they parse, and every image, port,
/// command, probe path and file they name is one that exists.
/// </summary>
public sealed partial class DeployFilesTests(PostgresFixture postgres)
{
    static readonly string Deploy = Path.Combine(Repository.Root, "deploy");
    const string Image = "aggregator:latest";

    static Dictionary<object, object> Yaml(TextReader text) =>
        new DeserializerBuilder().Build().Deserialize<Dictionary<object, object>>(new MergingParser(new Parser(text)));

    static List<Dictionary<object, object>> Documents(string file)
    {
        var parser = new MergingParser(new Parser(new StringReader(File.ReadAllText(file))));
        var deserializer = new DeserializerBuilder().Build();
        parser.Consume<YamlDotNet.Core.Events.StreamStart>();
        var documents = new List<Dictionary<object, object>>();
        while (parser.Accept<YamlDotNet.Core.Events.DocumentStart>(out _))
            documents.Add(deserializer.Deserialize<Dictionary<object, object>>(parser));
        return documents;
    }

    static Dictionary<object, object> Map(object? value) => Assert.IsType<Dictionary<object, object>>(value);
    static List<object> List(object? value) => Assert.IsType<List<object>>(value);
    static object? At(object? value, params string[] path) => path.Aggregate(value, (node, key) => Map(node).GetValueOrDefault(key));

    /// <summary>The port the image's service listens on, from the Dockerfile's ASPNETCORE_URLS and EXPOSE, which must agree.</summary>
    static int ImagePort()
    {
        var dockerfile = File.ReadAllText(Path.Combine(Deploy, "Dockerfile"));
        var exposed = int.Parse(ExposeLine().Match(dockerfile).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Contains($"ASPNETCORE_URLS=http://+:{exposed}", dockerfile, StringComparison.Ordinal);
        return exposed;
    }

    [Fact]
    public void ComposeRunsTwoSchedulersTwoApiNodesAndNginxOnTheImageTheDockerfileBuilds()
    {
        var compose = Yaml(new StringReader(File.ReadAllText(Path.Combine(Deploy, "compose.yaml"))));
        var services = Map(compose["services"]);
        var port = ImagePort();

        Assert.Equal(["api-1", "api-2", "nginx", "postgres", "scheduler-1", "scheduler-2"], services.Keys.Cast<string>().Order());
        foreach (var (name, command) in new[] { ("scheduler-1", "--no-api"), ("scheduler-2", "--no-api"), ("api-1", "--no-scheduler"), ("api-2", "--no-scheduler") })
        {
            var service = Map(services[name]);
            Assert.Equal(Image, service["image"]);
            Assert.Equal(["serve", command], List(service["command"]).Cast<string>());
            Assert.Equal("true", service["read_only"]);
            Assert.Contains("/health/ready", string.Join(' ', List(At(service, "healthcheck", "test")).Cast<string>()), StringComparison.Ordinal);
            Assert.Contains($"/tcp/127.0.0.1/{port} ", string.Join(' ', List(At(service, "healthcheck", "test")).Cast<string>()), StringComparison.Ordinal);
            var environment = Map(service["environment"]);
            Assert.StartsWith("Host=postgres;", (string)environment["ConnectionStrings__Aggregator"], StringComparison.Ordinal);
            Assert.Equal("true", environment["Scheduler__Clustered"]);
            if (command == "--no-api")
                Assert.Equal($"http://+:{port}", environment["Urls"]);
        }
        // The image the nodes run is the one the Dockerfile builds, from the repository root.
        var build = Map(Map(services["scheduler-1"])["build"]);
        var context = Path.GetFullPath(Path.Combine(Deploy, (string)build["context"]));
        Assert.Equal(Repository.Root.TrimEnd('/'), context.TrimEnd('/'));
        Assert.True(File.Exists(Path.Combine(context, (string)build["dockerfile"])));
        // nginx balances the two API nodes on the port they listen on, with a config file that exists.
        var volume = ((string)List(Map(services["nginx"])["volumes"])[0]).Split(':')[0];
        var nginx = File.ReadAllText(Path.Combine(Deploy, volume));
        Assert.Contains($"server api-1:{port};", nginx, StringComparison.Ordinal);
        Assert.Contains($"server api-2:{port};", nginx, StringComparison.Ordinal);
        Assert.Contains("proxy_set_header Host $host;", nginx, StringComparison.Ordinal);
    }

    [Fact]
    public void KubernetesManifestsWireDeploymentsServiceAutoscalerConfigAndSecretsTogether()
    {
        var documents = Documents(Path.Combine(Deploy, "kubernetes", "aggregator.yaml"));
        Dictionary<object, object> Kind(string kind, string name) =>
            Assert.Single(documents, d => (string)d["kind"] == kind && (string)At(d, "metadata", "name")! == name);
        var port = ImagePort();
        var config = Map(Kind("ConfigMap", "aggregator-config")["data"]);

        foreach (var (name, command) in new[] { ("aggregator-scheduler", "--no-api"), ("aggregator-api", "--no-scheduler") })
        {
            var deployment = Kind("Deployment", name);
            var pod = Map(At(deployment, "spec", "template"));
            Assert.Equal(Map(At(deployment, "spec", "selector", "matchLabels")), Map(At(pod, "metadata", "labels")));
            var container = Map(Assert.Single(List(At(pod, "spec", "containers"))));
            Assert.Equal(Image, container["image"]);
            Assert.Equal(["serve", command], List(container["args"]).Cast<string>());
            Assert.Equal(port.ToString(System.Globalization.CultureInfo.InvariantCulture), At(Assert.Single(List(container["ports"])), "containerPort"));
            Assert.Equal("true", At(container, "securityContext", "readOnlyRootFilesystem"));
            Assert.Equal("/health/live", At(container, "livenessProbe", "httpGet", "path"));
            Assert.Equal("/health/ready", At(container, "readinessProbe", "httpGet", "path"));
            Assert.Equal("http", At(container, "readinessProbe", "httpGet", "port"));
            // The definitions come from the scrapers ConfigMap, mounted where Sources__Directory points.
            var mount = Map(List(container["volumeMounts"]).Single(m => (string)Map(m)["name"] == "scrapers"));
            Assert.Equal(config["Sources__Directory"], mount["mountPath"]);
            Assert.Contains(List(At(pod, "spec", "volumes")), v => (string?)At(v, "configMap", "name") == "aggregator-scrapers");
            var secrets = List(container["env"]).Select(Map).Where(e => e.ContainsKey("valueFrom") && Map(e["valueFrom"]).ContainsKey("secretKeyRef")).ToList();
            Assert.Contains(secrets, e => (string)e["name"] == "ConnectionStrings__Aggregator" && (string?)At(e, "valueFrom", "secretKeyRef", "name") == "aggregator-secrets");
        }
        var service = Kind("Service", "aggregator-api");
        Assert.Equal(Map(At(Kind("Deployment", "aggregator-api"), "spec", "template", "metadata", "labels")), Map(At(service, "spec", "selector")));
        Assert.Equal("http", At(Assert.Single(List(At(service, "spec", "ports"))), "targetPort"));
        var autoscaler = Kind("HorizontalPodAutoscaler", "aggregator-api");
        Assert.Equal("Deployment", At(autoscaler, "spec", "scaleTargetRef", "kind"));
        Assert.Equal("aggregator-api", At(autoscaler, "spec", "scaleTargetRef", "name"));
        // Probes send Host: localhost; the service answers only the hosts AllowedHosts lists.
        Assert.Contains("localhost", ((string)config["AllowedHosts"]).Split(';'));
    }

    [Fact]
    public async Task TheProbePathsTheFilesNameAnswerWithTheHostTheProbesSend()
    {
        await using var database = await postgres.CreateDatabaseAsync();
        await using var web = await WebHost.StartAsync(database.DataSource, new() { ["AllowedHosts"] = "jobs.example.org;localhost" });
        foreach (var path in new[] { "/health/live", "/health/ready", "/metrics" })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, path);
            request.Headers.Host = "localhost";
            using var response = await web.Client.SendAsync(request);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {(int)response.StatusCode}");
        }
    }

    [Fact]
    public void SystemdUnitsStartEachRoleWithAVerbTheBinaryHas()
    {
        foreach (var (unit, arguments) in new[] { ("aggregator-scheduler.service", "serve --no-api"), ("aggregator-api.service", "serve --no-scheduler"), ("aggregator.service", "serve") })
        {
            var lines = File.ReadAllLines(Path.Combine(Deploy, unit));
            Assert.Contains($"ExecStart=/opt/aggregator/aggregator {arguments}", lines);
        }
        var help = AggregatorCli.Run("serve --help", Path.GetTempPath());
        Assert.Contains("--no-api", help.Output, StringComparison.Ordinal);
        Assert.Contains("--no-scheduler", help.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void TheDockerfileBuildsWithTheDocumentedPublishCommandWhichProducesARunnableService()
    {
        var dockerfile = File.ReadAllLines(Path.Combine(Deploy, "Dockerfile"));
        var readme = File.ReadAllText(Path.Combine(Repository.Root, "README.md"));
        var run = Assert.Single(dockerfile, l => l.StartsWith("RUN ", StringComparison.Ordinal))["RUN ".Length..];
        var documented = PublishCommand().Match(readme).Groups[1].Value;

        // Same command; only the output folder differs (the image's /app, an install's /opt/aggregator).
        Assert.Equal(OutputFolder().Replace(documented, "-o OUT"), OutputFolder().Replace(run, "-o OUT"));
        Assert.Contains("COPY --from=build /app .", dockerfile);
        Assert.Contains("ENTRYPOINT [\"dotnet\", \"aggregator.dll\"]", dockerfile);

        var output = TestRun.Scratch("publish");
        var arguments = run["dotnet ".Length..].Replace("-o /app", $"-o \"{output}\"", StringComparison.Ordinal);
        var (code, log) = ExternalTool.Run("dotnet", arguments, timeoutMs: 600_000, workingDirectory: Repository.Root);
        Assert.True(code == 0, log);
        Assert.True(File.Exists(Path.Combine(output, "aggregator.dll")), "no aggregator.dll in the published folder");
        Assert.NotEmpty(Directory.GetFiles(Path.Combine(output, "scrapers"), "*.yml"));
        var (helpCode, help) = ExternalTool.Run("dotnet", $"\"{Path.Combine(output, "aggregator.dll")}\" --help", workingDirectory: output);
        Assert.True(helpCode == 0, help);
        Assert.Contains("serve", help, StringComparison.Ordinal);
    }

    [GeneratedRegex(@"^EXPOSE (\d+)$", RegexOptions.Multiline)]
    private static partial Regex ExposeLine();

    [GeneratedRegex(@"Publish: `(dotnet publish [^`]+)`")]
    private static partial Regex PublishCommand();

    [GeneratedRegex(@"-o \S+")]
    private static partial Regex OutputFolder();
}
