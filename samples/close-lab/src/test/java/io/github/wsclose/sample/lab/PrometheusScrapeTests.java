/*
 * Copyright 2026 the wsclose authors.
 *
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at
 *
 *      https://www.apache.org/licenses/LICENSE-2.0
 *
 * Unless required by applicable law or agreed to in writing, software
 * distributed under the License is distributed on an "AS IS" BASIS,
 * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
 * See the License for the specific language governing permissions and
 * limitations under the License.
 */

package io.github.wsclose.sample.lab;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import com.jayway.jsonpath.JsonPath;
import io.github.wsclose.metrics.WebSocketHandshakeMetrics;
import io.github.wsclose.metrics.WebSocketSessionMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.commons.logging.LogFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketHttpHeaders;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.client.standard.StandardWebSocketClient;
import org.springframework.web.socket.handler.TextWebSocketHandler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A real Prometheus server scrapes the lab's {@code /actuator/prometheus} every second,
 * the closes this test makes come back from a PromQL query, and every query of the
 * Grafana dashboard runs on the lab's series.
 *
 * <p>
 * Needs Debian's {@code prometheus} (installed by {@code .ci/run}); skipped with a
 * message where it is absent.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = "spring.application.name=close-lab-prometheus-test")
class PrometheusScrapeTests {

	private static final Path PROMETHEUS = Path.of("/usr/bin/prometheus");

	private static final String SKIPPED = "Prometheus tests skipped: /usr/bin/prometheus is needed "
			+ "(apt-get install prometheus; .ci/run installs it)";

	private static final Path DASHBOARD = Path.of("grafana", "wsclose-dashboard.json");

	/**
	 * The closes by code, leaving out the 1011 that the dashboard test makes.
	 */
	private static final String QUERY = "sum by (code) (websocket_sessions_closed_sessions_total{code!=\"1011\"})";

	/**
	 * The same closes by cause.
	 */
	private static final String QUERY_BY_CAUSE = "sum by (cause) (websocket_sessions_closed_sessions_total{code!=\"1011\"})";

	@TempDir
	static Path work;

	private static Process prometheus;

	private static String prometheusUrl;

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	@LocalServerPort
	private int port;

	@Autowired
	private MeterRegistry registry;

	@BeforeAll
	static void sayWhenSkipped() {
		if (!Files.isExecutable(PROMETHEUS)) {
			LogFactory.getLog(PrometheusScrapeTests.class).warn(SKIPPED);
		}
	}

	@BeforeEach
	void needsPrometheus() {
		assumeTrue(Files.isExecutable(PROMETHEUS), SKIPPED);
	}

	@AfterAll
	static void stopPrometheus() throws InterruptedException {
		if (prometheus != null) {
			prometheus.destroy();
			if (!prometheus.waitFor(10, TimeUnit.SECONDS)) {
				prometheus.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
			}
		}
	}

	@Test
	void prometheusScrapingTheLabCountsTheClosesByCodeAndCause() throws Exception {
		String prometheusUrl = startPrometheus();
		double before = closedCount();
		closeFromClient(1000);
		closeFromClient(1000);
		closeFromClient(4321);
		closeFromServer("close:1008:not allowed here");
		closeFromServer("close:4001:token expired");
		await().atMost(Duration.ofSeconds(10)).until(() -> closedCount() == before + 5);

		Map<String, String> expected = Map.of("1000", "2", "1008", "1", "4001", "1", "4xxx", "1");
		await().atMost(Duration.ofSeconds(30))
			.pollInterval(Duration.ofMillis(500))
			.untilAsserted(() -> assertThat(query(prometheusUrl, QUERY)).isEqualTo(expected));
		assertThat(query(prometheusUrl, QUERY_BY_CAUSE, "cause"))
			.isEqualTo(Map.of("peer_closed", "3", "application", "2"));
	}

	/**
	 * Micrometer's Prometheus naming adds no unit to {@code websocket.handshakes}, whose
	 * name already ends with its base unit: the series is
	 * {@code websocket_handshakes_total}.
	 */
	@Test
	void prometheusScrapingTheLabCountsTheHandshakesByOutcome() throws Exception {
		String prometheusUrl = startPrometheus();
		// a close the test of the closes by code leaves out
		closeFromServer("close:1011:oops");
		WebSocketHttpHeaders evil = new WebSocketHttpHeaders();
		evil.setOrigin("https://evil.example");
		assertThatException().isThrownBy(() -> new StandardWebSocketClient()
			.execute(new TextWebSocketHandler(), evil,
					URI.create("ws://localhost:" + this.port + CloseLabApplication.SOCKET_PATH))
			.get(10, TimeUnit.SECONDS));
		assertThat(get("http://localhost:" + this.port + CloseLabApplication.SOCKET_PATH).statusCode()).isEqualTo(400);
		await().atMost(Duration.ofSeconds(10))
			.until(() -> handshakes("origin_rejected") >= 1 && handshakes("bad_request") >= 1);

		Map<String, String> expected = new TreeMap<>();
		for (String outcome : List.of("accepted", "origin_rejected", "interceptor_rejected", "bad_request", "failed")) {
			expected.put(outcome, Long.toString((long) handshakes(outcome)));
		}
		assertThat(expected).containsEntry("interceptor_rejected", "0").containsEntry("failed", "0");
		String promql = "sum by (outcome) (websocket_handshakes_total{endpoint=\"" + CloseLabApplication.SOCKET_PATH
				+ "\"})";
		await().atMost(Duration.ofSeconds(30))
			.pollInterval(Duration.ofMillis(500))
			.untilAsserted(() -> assertThat(query(prometheusUrl, promql, "outcome")).isEqualTo(expected));
	}

	@Test
	void everyQueryOfTheGrafanaDashboardRunsOnTheLabsSeries() throws Exception {
		String prometheusUrl = startPrometheus();
		closeFromServer("close:1011:oops");
		List<String> queries = JsonPath.read(Files.readString(DASHBOARD), "$.panels[*].targets[*].expr");
		assertThat(queries).hasSizeGreaterThanOrEqualTo(6);

		for (String query : queries) {
			String promql = query.replace("$endpoint", ".*")
				.replace("$__rate_interval", "10s")
				.replace("$__range", "1m");
			await().atMost(Duration.ofSeconds(30))
				.pollInterval(Duration.ofMillis(500))
				.untilAsserted(() -> assertThat(results(prometheusUrl, promql)).as(promql).isNotEmpty());
		}
	}

	private double handshakes(String outcome) {
		return this.registry.find(WebSocketHandshakeMetrics.HANDSHAKES)
			.tag("endpoint", CloseLabApplication.SOCKET_PATH)
			.tag("outcome", outcome)
			.counters()
			.stream()
			.mapToDouble((counter) -> counter.count())
			.sum();
	}

	private double closedCount() {
		return this.registry.find(WebSocketSessionMetrics.CLOSED)
			.counters()
			.stream()
			.mapToDouble((counter) -> counter.count())
			.sum();
	}

	private String startPrometheus() throws IOException {
		if (prometheusUrl != null) {
			return prometheusUrl;
		}
		int prometheusPort = freePort();
		Path config = work.resolve("prometheus.yml");
		Files.writeString(config, """
				global:
				  scrape_interval: 1s
				  evaluation_interval: 1s
				scrape_configs:
				  - job_name: close-lab
				    metrics_path: /actuator/prometheus
				    static_configs:
				      - targets: ['127.0.0.1:%d']
				""".formatted(this.port));
		Path log = work.resolve("prometheus.log");
		prometheus = new ProcessBuilder(PROMETHEUS.toString(), "--config.file=" + config,
				"--storage.tsdb.path=" + work.resolve("data"), "--web.listen-address=127.0.0.1:" + prometheusPort)
			.redirectErrorStream(true)
			.redirectOutput(log.toFile())
			.start();
		String url = "http://127.0.0.1:" + prometheusPort;
		await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250)).ignoreExceptions().until(() -> {
			assertThat(prometheus.isAlive()).as("Prometheus is running; its log:%n%s", Files.readString(log)).isTrue();
			return get(url + "/-/ready").statusCode() == 200;
		});
		prometheusUrl = url;
		return url;
	}

	private List<Map<String, Object>> results(String prometheusUrl, String promql) throws Exception {
		HttpResponse<String> response = get(
				prometheusUrl + "/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8));
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return JsonPath.read(response.body(), "$.data.result");
	}

	private Map<String, String> query(String prometheusUrl, String promql) throws Exception {
		return query(prometheusUrl, promql, "code");
	}

	private Map<String, String> query(String prometheusUrl, String promql, String label) throws Exception {
		Map<String, String> byCode = new TreeMap<>();
		for (Map<String, Object> result : results(prometheusUrl, promql)) {
			@SuppressWarnings("unchecked")
			Map<String, String> metric = (Map<String, String>) result.get("metric");
			List<?> value = (List<?>) result.get("value");
			byCode.put(metric.get(label), (String) value.get(1));
		}
		return byCode;
	}

	private void closeFromClient(int code) throws Exception {
		WebSocketSession session = connect();
		session.close(new CloseStatus(code));
	}

	private void closeFromServer(String command) throws Exception {
		WebSocketSession session = connect();
		session.sendMessage(new TextMessage(command));
		await().atMost(Duration.ofSeconds(10)).until(() -> !session.isOpen());
	}

	private WebSocketSession connect() throws Exception {
		return new StandardWebSocketClient()
			.execute(new TextWebSocketHandler(), "ws://localhost:" + this.port + CloseLabApplication.SOCKET_PATH)
			.get(10, TimeUnit.SECONDS);
	}

	private HttpResponse<String> get(String url) throws IOException, InterruptedException {
		HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).build();
		return this.http.send(request, HttpResponse.BodyHandlers.ofString());
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}
