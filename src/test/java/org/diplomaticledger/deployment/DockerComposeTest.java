package org.diplomaticledger.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.yaml.snakeyaml.Yaml;

/**
 * docker-compose.yml, deploy/nginx.conf and .env.example against the application they run: the services exist,
 * every variable given to a ledger node is a property the application reads, the profiles exist, the ports and
 * health checks are the application's, the proxy's upstreams are the ledger nodes, data lives on named volumes and
 * no secret is written into the file. Docker is not needed: this reads the files, so they cannot drift apart
 * unnoticed.
 */
class DockerComposeTest {

    private static final Pattern REFERENCE = Pattern.compile("\\$\\{([A-Z0-9_]+)(?::?[-?]([^}]*))?}");

    private static Map<String, Object> compose;
    private static Map<String, Map<String, Object>> services;
    private static Properties application;
    private static String propertyFiles;
    private static String sources;
    private static String bootMetadata;

    @BeforeAll
    @SuppressWarnings("unchecked")
    static void read() throws IOException {
        try (InputStream in = Files.newInputStream(Path.of("docker-compose.yml"))) {
            compose = new Yaml().load(in);
        }
        services = (Map<String, Map<String, Object>>) compose.get("services");
        application = new Properties();
        try (InputStream in = Files.newInputStream(Path.of("src/main/resources/application.properties"))) {
            application.load(in);
        }
        try (Stream<Path> files = Files.list(Path.of("src/main/resources"))) {
            propertyFiles = files.filter(f -> f.getFileName().toString().matches("application.*\\.properties"))
                    .map(DockerComposeTest::text)
                    .collect(Collectors.joining("\n"));
        }
        try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
            sources = files.filter(f -> f.toString().endsWith(".java"))
                    .map(DockerComposeTest::text)
                    .collect(Collectors.joining("\n"));
        }
        StringBuilder metadata = new StringBuilder();
        for (Resource resource : new PathMatchingResourcePatternResolver()
                .getResources("classpath*:META-INF/spring-configuration-metadata.json")) {
            try (InputStream in = resource.getInputStream()) {
                metadata.append(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
        bootMetadata = metadata.toString();
    }

    @Test
    void theServicesAreTheDocumentedOnes() {
        assertThat(services)
                .containsOnlyKeys("postgres", "kafka", "ledger-1", "ledger-2", "proxy", "prometheus", "grafana");
        for (String name : services.keySet()) {
            assertThat(services.get(name)).as(name + " has a health check").containsKey("healthcheck");
        }
        assertThat(ledgerNodes()).containsExactly("ledger-1", "ledger-2");
    }

    @Test
    void everyVariableOfALedgerNodeIsAPropertyTheApplicationReads() {
        for (String node : ledgerNodes()) {
            for (String variable : environment(node).keySet()) {
                if (variable.equals("SPRING_PROFILES_ACTIVE")) {
                    continue;
                }
                String property = property(variable);
                boolean known = propertyFiles.contains("${" + variable + ":")
                        || propertyFiles.contains("${" + variable + "}")
                        || knownProperties().contains(canonical(property));
                assertThat(known)
                        .as("%s of %s (property %s) is read by the application", variable, node, property)
                        .isTrue();
            }
        }
    }

    @Test
    void theProfilesOfTheNodesExist() {
        for (String node : ledgerNodes()) {
            String profiles = defaultOf(String.valueOf(environment(node).get("SPRING_PROFILES_ACTIVE")));
            assertThat(profiles).contains("postgres");
            for (String profile : profiles.split(",")) {
                assertThat(Path.of("src/main/resources/application-" + profile.trim() + ".properties"))
                        .as("profile %s of %s", profile, node)
                        .exists();
            }
        }
    }

    @Test
    void theNodesReachPostgresAndKafkaByTheirServiceNames() {
        Map<String, Object> postgres = environment("postgres");
        for (String node : ledgerNodes()) {
            Map<String, Object> env = environment(node);
            assertThat(defaultOf(String.valueOf(env.get("LEDGER_DB_URL"))))
                    .isEqualTo("jdbc:postgresql://postgres:5432/"
                            + defaultOf(String.valueOf(postgres.get("POSTGRES_DB"))));
            assertThat(env.get("LEDGER_DB_USER")).isEqualTo(postgres.get("POSTGRES_USER"));
            assertThat(env.get("LEDGER_DB_PASSWORD")).isEqualTo(postgres.get("POSTGRES_PASSWORD"));
            assertThat(env.get("SPRING_KAFKA_BOOTSTRAP_SERVERS")).isEqualTo("kafka:9092");
            assertThat(env.get("LEDGER_AGGREGATES_CACHE"))
                    .as("nodes must not trust a cached aggregate")
                    .isEqualTo("none");
        }
        Map<String, Object> kafka = environment("kafka");
        assertThat(String.valueOf(kafka.get("KAFKA_PROCESS_ROLES")))
                .as("KRaft")
                .contains("broker")
                .contains("controller");
        assertThat(String.valueOf(kafka.get("KAFKA_ADVERTISED_LISTENERS"))).contains("kafka:9092");
        assertThat(String.valueOf(kafka.get("KAFKA_LISTENERS"))).contains(":9092");
    }

    @Test
    void onlyOneNodeLoadsTheDemo() {
        long loaders = ledgerNodes().stream()
                .filter(node -> !"false".equals(environment(node).get("LEDGER_DEMO_LOAD")))
                .count();
        assertThat(loaders).isEqualTo(1);
    }

    @Test
    void healthChecksAndTheProxyUseTheApplicationsPortAndProbes() throws IOException {
        String port = application.getProperty("server.port", "8080");
        assertThat(application.getProperty("management.endpoint.health.probes.enabled"))
                .isEqualTo("true");
        for (String node : ledgerNodes()) {
            assertThat(String.valueOf(healthcheck(node)))
                    .contains("http://localhost:" + port + "/actuator/health/readiness");
            assertThat(services.get(node))
                    .as(node + " is reached through the proxy only")
                    .doesNotContainKey("ports");
        }
        String nginx = Files.readString(Path.of("deploy/nginx.conf"));
        Set<String> upstreams = new LinkedHashSet<>();
        Matcher server = Pattern.compile("(?m)^\\s*server\\s+([\\w.-]+:\\d+)").matcher(nginx);
        while (server.find()) {
            upstreams.add(server.group(1));
        }
        assertThat(upstreams)
                .containsExactlyElementsOf(
                        ledgerNodes().stream().map(node -> node + ":" + port).toList());
        Matcher listen = Pattern.compile("listen\\s+(\\d+);").matcher(nginx);
        assertThat(listen.find()).isTrue();
        Map<String, Object> proxy = services.get("proxy");
        assertThat(String.valueOf(proxy.get("ports"))).isEqualTo("[" + "${LEDGER_PORT:-8080}:" + listen.group(1) + "]");
        assertThat(String.valueOf(proxy.get("volumes"))).contains("./deploy/nginx.conf:");
    }

    @Test
    @SuppressWarnings("unchecked")
    void prometheusScrapesEveryNodeAsAnAdminAndTheDashboardShowsDocumentedMeters() throws IOException {
        Map<String, Object> prometheus;
        try (InputStream in = Files.newInputStream(Path.of("deploy/prometheus.yml"))) {
            prometheus = new Yaml().load(in);
        }
        Map<String, Object> job = ((List<Map<String, Object>>) prometheus.get("scrape_configs")).get(0);
        assertThat(job.get("metrics_path")).isEqualTo("/actuator/prometheus");
        String port = application.getProperty("server.port", "8080");
        List<Object> targets = (List<Object>)
                ((List<Map<String, Object>>) job.get("static_configs")).get(0).get("targets");
        assertThat(targets)
                .containsExactlyElementsOf(
                        ledgerNodes().stream().map(node -> node + ":" + port).toList());
        // The demo user it scrapes as has the role the scrape needs.
        String user = String.valueOf(((Map<String, Object>) job.get("basic_auth")).get("username"));
        Properties demo = new Properties();
        try (InputStream in = Files.newInputStream(Path.of("src/main/resources/application-demo.properties"))) {
            demo.load(in);
        }
        String index = demo.stringPropertyNames().stream()
                .filter(key -> key.endsWith(".username") && user.equals(demo.getProperty(key)))
                .map(key -> key.substring(0, key.length() - ".username".length()))
                .findFirst()
                .orElseThrow();
        assertThat(demo.getProperty(index + ".roles")).isEqualTo("ADMIN");
        assertThat(String.valueOf(services.get("prometheus").get("volumes"))).contains("./deploy/prometheus.yml:");

        String dashboard = Files.readString(Path.of("deploy/grafana/dashboards/diplomatic-ledger.json"));
        String operations = Files.readString(Path.of("docs/operations.md"));
        Matcher meter =
                Pattern.compile("\\b(ledger_[a-z_]+?)(_sum|_count|_max)?\\b").matcher(dashboard);
        int meters = 0;
        while (meter.find()) {
            assertThat(operations)
                    .as("the dashboard's %s is documented in docs/operations.md", meter.group(1))
                    .contains("`" + meter.group(1) + "`");
            meters++;
        }
        assertThat(meters).isGreaterThan(10);
        assertThat(String.valueOf(services.get("grafana").get("volumes"))).contains("./deploy/grafana/dashboards:");
    }

    @Test
    @SuppressWarnings("unchecked")
    void dataLivesOnNamedVolumes() {
        Set<String> declared = ((Map<String, Object>) compose.get("volumes")).keySet();
        Set<String> used = new LinkedHashSet<>();
        for (Map.Entry<String, Map<String, Object>> service : services.entrySet()) {
            for (Object volume : (List<Object>) service.getValue().getOrDefault("volumes", List.of())) {
                String source = String.valueOf(volume).split(":")[0];
                if (!source.startsWith(".")) {
                    assertThat(declared)
                            .as("volume %s of %s is declared", source, service.getKey())
                            .contains(source);
                    used.add(source);
                }
            }
        }
        assertThat(used).containsExactlyInAnyOrderElementsOf(declared).contains("postgres-data", "kafka-data");
    }

    @Test
    void noSecretIsWrittenIntoTheFileAndEveryRequiredVariableIsInTheExample() throws IOException {
        String text = Files.readString(Path.of("docker-compose.yml"));
        Set<String> required = new LinkedHashSet<>();
        Matcher reference = REFERENCE.matcher(text);
        while (reference.find()) {
            if (reference.group(0).contains(":?")) {
                required.add(reference.group(1));
            }
        }
        assertThat(required).contains("POSTGRES_PASSWORD");
        String example = Files.readString(Path.of(".env.example"));
        for (String variable : required) {
            assertThat(example).as(".env.example names " + variable).containsPattern("(?m)^" + variable + "=$");
        }
        for (Map.Entry<String, Map<String, Object>> service : services.entrySet()) {
            environment(service.getKey()).forEach((name, value) -> {
                if (name.contains("PASSWORD") || name.contains("SECRET")) {
                    assertThat(String.valueOf(value))
                            .as("%s of %s comes from the environment", name, service.getKey())
                            .matches("\\$\\{[A-Z_]+:\\?[^}]*}");
                }
            });
        }
        assertThat(Files.readString(Path.of(".gitignore"))).containsPattern("(?m)^\\.env$");
    }

    @Test
    void theImageIsBuiltFromTheSourcesAndHasCurlForItsHealthCheck() throws IOException {
        String dockerfile = Files.readString(Path.of("Dockerfile"));
        assertThat(dockerfile)
                .contains("install -y --no-install-recommends curl")
                .contains("EXPOSE " + application.getProperty("server.port", "8080"));
        for (String node : ledgerNodes()) {
            assertThat(services.get(node).get("build")).isEqualTo(".");
        }
    }

    /**
     * Every property the application reads or Spring Boot documents, without dashes (relaxed binding maps
     * SPRING_KAFKA_BOOTSTRAP_SERVERS to spring.kafka.bootstrap-servers) and dots.
     */
    private static Set<String> knownProperties() {
        Set<String> known = new java.util.HashSet<>();
        Matcher metadata = Pattern.compile("\"name\"\\s*:\\s*\"([^\"]+)\"").matcher(bootMetadata);
        while (metadata.find()) {
            known.add(canonical(metadata.group(1)));
        }
        Matcher placeholder =
                Pattern.compile("\\$\\{([a-z][\\w.\\[\\]-]*)[:}]").matcher(sources + "\n" + propertyFiles);
        while (placeholder.find()) {
            known.add(canonical(placeholder.group(1)));
        }
        Matcher key = Pattern.compile("(?m)^([a-z][\\w.\\[\\]-]*)=").matcher(propertyFiles);
        while (key.find()) {
            known.add(canonical(key.group(1)));
        }
        return known;
    }

    private static String canonical(String property) {
        return property.replace("-", "").replace(".", "").toLowerCase(Locale.ROOT);
    }

    private static List<String> ledgerNodes() {
        return services.keySet().stream()
                .filter(name -> name.startsWith("ledger-"))
                .sorted()
                .toList();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> environment(String service) {
        return (Map<String, Object>) services.get(service).getOrDefault("environment", Map.of());
    }

    @SuppressWarnings("unchecked")
    private static Object healthcheck(String service) {
        return ((Map<String, Object>) services.get(service).get("healthcheck")).get("test");
    }

    /** The value a {@code ${VAR:-default}} takes when VAR is not set; the text itself when it is no reference. */
    private static String defaultOf(String value) {
        Matcher matcher = REFERENCE.matcher(value);
        StringBuilder result = new StringBuilder();
        while (matcher.find()) {
            String def = matcher.group(0).contains(":-") ? matcher.group(2) : "";
            matcher.appendReplacement(result, Matcher.quoteReplacement(def));
        }
        matcher.appendTail(result);
        return result.toString();
    }

    /** Spring Boot's relaxed binding backwards: LEDGER_SECURITY_USERS_0_ROLES is ledger.security.users[0].roles. */
    private static String property(String variable) {
        List<String> parts = new ArrayList<>();
        for (String part : variable.toLowerCase(Locale.ROOT).split("_")) {
            if (part.matches("\\d+") && !parts.isEmpty()) {
                parts.set(parts.size() - 1, parts.get(parts.size() - 1) + "[" + part + "]");
            } else {
                parts.add(part);
            }
        }
        return String.join(".", parts);
    }

    private static String text(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
