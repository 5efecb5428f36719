package io.ringwatch.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * {@code docker-compose.yml} cannot run here (no Docker engine), so this keeps it honest: the
 * topology is complete and every environment variable given to the service is a configuration
 * property the service actually has.
 */
class DeploymentDescriptorTest {
  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

  @SuppressWarnings("unchecked")
  private static Map<String, Object> services() throws IOException {
    try (Reader reader = Files.newBufferedReader(ROOT.resolve("docker-compose.yml"))) {
      Map<String, Object> compose = new Yaml().load(reader);
      return (Map<String, Object>) compose.get("services");
    }
  }

  private static Set<String> serviceProperties() throws IOException {
    Properties properties = new Properties();
    try (InputStream in =
        DeploymentDescriptorTest.class.getResourceAsStream("/application.properties")) {
      properties.load(in);
    }
    return properties.stringPropertyNames().stream()
        .filter(name -> !name.startsWith("%"))
        .collect(Collectors.toSet());
  }

  /** SmallRye Config's rule: an environment variable names the property with [^A-Za-z0-9] → _. */
  private static String environmentName(String property) {
    return property.replaceAll("[^A-Za-z0-9]", "_").toUpperCase();
  }

  @Test
  void shouldDescribeTheProductionTopology() throws IOException {
    assertThat(services().keySet())
        .contains("kafka", "cassandra", "graph-service", "prometheus", "grafana");
  }

  @Test
  @SuppressWarnings("unchecked")
  void shouldOnlyGiveTheServiceEnvironmentVariablesThatNameRealConfigKeys() throws IOException {
    Map<String, Object> service = (Map<String, Object>) services().get("graph-service");
    Map<String, Object> environment = (Map<String, Object>) service.get("environment");
    Set<String> known =
        serviceProperties().stream()
            .map(DeploymentDescriptorTest::environmentName)
            .collect(Collectors.toSet());

    assertThat(environment).isNotEmpty();
    assertThat(environment.keySet()).allSatisfy(key -> assertThat(known).contains(key));
    assertThat(environment).containsEntry("RINGWATCH_GRAPH_BACKEND", "cql");
  }

  @Test
  @SuppressWarnings("unchecked")
  void shouldScrapeTheServiceMetricsEndpoint() throws IOException {
    Map<String, Object> prometheus;
    try (Reader reader = Files.newBufferedReader(ROOT.resolve("deploy/prometheus.yml"))) {
      prometheus = new Yaml().load(reader);
    }
    List<Map<String, Object>> jobs = (List<Map<String, Object>>) prometheus.get("scrape_configs");
    assertThat(jobs).anySatisfy(job -> assertThat(job.get("metrics_path")).isEqualTo("/q/metrics"));
  }
}
