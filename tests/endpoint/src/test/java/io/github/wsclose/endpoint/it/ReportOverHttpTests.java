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

package io.github.wsclose.endpoint.it;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import com.jayway.jsonpath.JsonPath;
import io.github.wsclose.testsupport.RawWebSocketClient;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The {@code websocketcloses} endpoint read as JSON over real HTTP, behind Spring
 * Security's real filter chain, after real closes whose peer planted control characters
 * in the reason and chose a 7,000-character SockJS session id: what it shows by default,
 * with {@code show-values=always}, and with {@code when-authorized} to users with and
 * without the role.
 */
class ReportOverHttpTests {

	/**
	 * A reason with a bidirectional override, a C1 CSI, a line separator, CR/LF and a
	 * terminal escape sequence: 30 UTF-8 bytes, well within a close frame's 123.
	 */
	static final String PLANTED_REASON = "a\u202Eb\u009Bc\u2028d\r\ne\u001B[31mf";

	/** The planted reason as the report shows it. */
	static final String PLANTED_REASON_ESCAPED = "a\\u202eb\\u009bc\\u2028d\\r\\ne\\u001b[31mf";

	/** A session id of 7,000 characters, chosen by the SockJS client in its URL. */
	static final String LONG_SESSION_ID = "s".repeat(7000);

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	@Test
	void peersValuesReadMaskedByDefaultToAnyoneAndCountsAndCodesAreShown() throws Exception {
		try (ConfigurableApplicationContext context = start()) {
			int port = plantUncleanCloses(context);
			for (String user : new String[] { null, "viewer", "admin" }) {
				List<Map<String, Object>> recent = recentUnclean(port, user);
				assertThat(recent).as("as %s", user).hasSizeGreaterThanOrEqualTo(2).allSatisfy((close) -> {
					assertThat(close).containsEntry("sessionId", "******")
						.containsEntry("endpoint", close.get("endpoint"));
					assertThat(close.get("code")).isNotNull();
				});
				assertThat(recent).extracting((close) -> close.get("reason")).contains("******");
				assertThat(recent).extracting((close) -> close.get("transportError")).contains("******");
			}
		}
	}

	@Test
	void showValuesAlwaysShowsThePlantedReasonEscapedAndTheLongSessionIdCutTo64() throws Exception {
		try (ConfigurableApplicationContext context = start(
				"--management.endpoint.websocketcloses.show-values=always")) {
			int port = plantUncleanCloses(context);
			String body = get(port, null);
			System.out.println("websocketcloses with show-values=always: " + body);
			assertThat(body).doesNotContain("\u202E", "\u009B", "\u2028", "\r", "\n", "\u001B");
			List<Map<String, Object>> recent = JsonPath.read(body, "$.recentUnclean");
			assertThat(recent).anySatisfy((close) -> {
				assertThat(close).containsEntry("endpoint", "/echo").containsEntry("reason", PLANTED_REASON_ESCAPED);
				assertThat(close.get("transportError")).isNotNull().isNotEqualTo("******");
			});
			assertThat(recent).anySatisfy((close) -> {
				assertThat(close).containsEntry("endpoint", "/sockjs");
				assertThat((String) close.get("sessionId")).hasSize(64).isEqualTo(LONG_SESSION_ID.substring(0, 64));
			});
		}
	}

	@Test
	void whenAuthorizedShowsTheValuesOnlyToAUserWithTheConfiguredRole() throws Exception {
		try (ConfigurableApplicationContext context = start(
				"--management.endpoint.websocketcloses.show-values=when-authorized",
				"--management.endpoint.websocketcloses.roles=ADMIN")) {
			int port = plantUncleanCloses(context);
			assertThat(reasonsOnEcho(port, null)).containsOnly("******");
			assertThat(reasonsOnEcho(port, "viewer")).containsOnly("******");
			assertThat(reasonsOnEcho(port, "admin")).containsOnly(PLANTED_REASON_ESCAPED);
			assertThat(recentUnclean(port, "admin")).extracting((close) -> close.get("sessionId"))
				.doesNotContain("******");
			assertThat(recentUnclean(port, "viewer")).extracting((close) -> close.get("sessionId"))
				.containsOnly("******");
			HttpResponse<String> wrongPassword = send(port, "admin", "not-the-password");
			assertThat(wrongPassword.statusCode()).isEqualTo(401);
		}
	}

	private static ConfigurableApplicationContext start(String... properties) {
		List<String> args = new ArrayList<>(List.of("--server.port=0", "--server.address=127.0.0.1",
				"--spring.main.banner-mode=off", "--management.endpoints.web.exposure.include=websocketcloses"));
		args.addAll(List.of(properties));
		return SpringApplication.run(SecuredReportApplication.class, args.toArray(new String[0]));
	}

	/**
	 * Unclean closes made by real peers: on {@code /echo}, a client sends a close frame
	 * with the planted reason and resets the connection (when Tomcat has answered the
	 * close before the reset arrives, the close is clean and not listed, so the client
	 * tries again, as a peer would); on {@code /sockjs}, a SockJS client that chose a
	 * 7,000-character session id in its WebSocket URL resets its connection.
	 */
	private int plantUncleanCloses(ConfigurableApplicationContext context) throws Exception {
		int port = context.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
		for (int attempt = 0; attempt < 20 && uncleanOn(port, "/echo") == 0; attempt++) {
			RawWebSocketClient echo = RawWebSocketClient.connect(port, "/echo");
			echo.sendText("hello");
			assertThat(echo.readFrame().text()).isEqualTo("hello");
			echo.sendClose(4000, PLANTED_REASON);
			echo.reset();
			int closesBefore = attempt;
			await().atMost(Duration.ofSeconds(5)).until(() -> closesOn(port) > closesBefore);
		}
		RawWebSocketClient sockJs = RawWebSocketClient.connect(port, "/sockjs/000/" + LONG_SESSION_ID + "/websocket");
		assertThat(sockJs.readFrame().text()).isEqualTo("o");
		sockJs.reset();
		await().atMost(Duration.ofSeconds(15))
			.until(() -> uncleanOn(port, "/echo") > 0 && uncleanOn(port, "/sockjs") == 1);
		return port;
	}

	private long uncleanOn(int port, String endpoint) throws Exception {
		return recentUnclean(port, "admin").stream().filter((close) -> endpoint.equals(close.get("endpoint"))).count();
	}

	private int closesOn(int port) throws Exception {
		Map<String, Map<String, Object>> endpoints = JsonPath.read(get(port, "admin"), "$.endpoints");
		Map<String, Object> echo = endpoints.get("/echo");
		return (echo != null) ? ((Number) echo.get("closes")).intValue() : 0;
	}

	private List<@Nullable Object> reasonsOnEcho(int port, @Nullable String user) throws Exception {
		return recentUnclean(port, user).stream()
			.filter((close) -> "/echo".equals(close.get("endpoint")))
			.map((close) -> close.get("reason"))
			.toList();
	}

	private List<Map<String, Object>> recentUnclean(int port, @Nullable String user) throws Exception {
		return JsonPath.read(get(port, user), "$.recentUnclean");
	}

	private String get(int port, @Nullable String user) throws Exception {
		String password = "admin".equals(user) ? SecuredReportApplication.ADMIN_PASSWORD
				: SecuredReportApplication.VIEWER_PASSWORD;
		HttpResponse<String> response = send(port, user, password);
		assertThat(response.statusCode()).isEqualTo(200);
		return response.body();
	}

	private HttpResponse<String> send(int port, @Nullable String user, String password) throws Exception {
		HttpRequest.Builder request = HttpRequest
			.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/websocketcloses"))
			.timeout(Duration.ofSeconds(5));
		if (user != null) {
			String credentials = user + ":" + password;
			request.header("Authorization",
					"Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
		}
		return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
	}

}
