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

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Map;

import io.github.wsclose.CloseCause;
import io.github.wsclose.Initiator;
import io.github.wsclose.WebSocketSessionClosedEvent;
import io.github.wsclose.metrics.WebSocketHandshakeMetrics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.commons.logging.LogFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The lab page in a real, headless Chromium: for every way a session can end, what the
 * browser's {@code CloseEvent} says and what the server's
 * {@link WebSocketSessionClosedEvent} reports, compared wherever both sides can know.
 *
 * <p>
 * Needs Debian's {@code chromium} and {@code chromium-driver} (installed by
 * {@code .ci/run}); skipped with a message where they are absent. Selenium Manager is
 * never asked for a driver: the driver's path is given.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@Import(ServerCloses.class)
class CloseLabBrowserTests {

	private static final Path CHROMIUM = Path.of("/usr/bin/chromium");

	private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

	private static final Duration WAIT = Duration.ofSeconds(20);

	private static final String MESSAGE_TOO_BIG = "The decoded text message was too big for the output buffer and the "
			+ "endpoint does not support partial messages";

	/**
	 * The reason of the status of Spring's {@code SessionLimitExceededException}.
	 */
	private static final String SEND_LIMIT = "Failed to send message within the configured send limit";

	/**
	 * Keeps the lab pages of earlier tests out of the back/forward cache, where each
	 * would keep its sockets and its event stream open and hold one of the browser's six
	 * connections to the server. The one test about the cache starts a browser of its
	 * own.
	 */
	private static final String NO_BACK_FORWARD_CACHE = "--disable-features=BackForwardCache";

	private static final boolean CHROMIUM_INSTALLED = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);

	private static final String SKIPPED = "Browser tests skipped: /usr/bin/chromium and /usr/bin/chromedriver are "
			+ "needed (apt-get install chromium chromium-driver; .ci/run installs them)";

	@TempDir
	static Path profile;

	private static ChromeDriver browser;

	@LocalServerPort
	private int port;

	@Autowired
	private ServerCloses server;

	@Autowired
	private MeterRegistry registry;

	@BeforeAll
	static void startBrowser() {
		if (CHROMIUM_INSTALLED) {
			browser = startBrowser("--user-data-dir=" + profile.resolve("main"), NO_BACK_FORWARD_CACHE);
		}
		else {
			LogFactory.getLog(CloseLabBrowserTests.class).warn(SKIPPED);
		}
	}

	private static ChromeDriver startBrowser(String... extraArguments) {
		ChromeOptions options = new ChromeOptions();
		options.setBinary(CHROMIUM.toFile());
		options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
				"--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
				"--disable-sync", "--window-size=1400,1200");
		options.addArguments(extraArguments);
		ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
			.usingAnyFreePort()
			.withTimeout(Duration.ofSeconds(30))
			.build();
		ChromeDriver driver = new ChromeDriver(service, options);
		driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(20)).scriptTimeout(Duration.ofSeconds(10));
		return driver;
	}

	@AfterAll
	static void stopBrowser() {
		if (browser != null) {
			browser.quit();
		}
	}

	@BeforeEach
	void openLab() {
		assumeTrue(CHROMIUM_INSTALLED, SKIPPED);
		browser.get("http://localhost:" + this.port + "/");
		new WebDriverWait(browser, WAIT).until((driver) -> Boolean.TRUE.equals(script("return closeLab.live")));
	}

	@Test
	void pageClosingWith1000IsACleanClientCloseOnBothSides() {
		String id = openSocket();
		closeFromPage("1000", "");

		assertBothSides(id, 1000, null, true, Initiator.CLIENT);
	}

	@Test
	void pageClosingWith4000AndAReasonCarriesTheReasonToTheServer() {
		String id = openSocket();
		closeFromPage("4000", "bye from the page");

		assertBothSides(id, 4000, "bye from the page", true, Initiator.CLIENT);
		assertThat(this.server.awaitClose(id).getCloseCode().tagValue()).isEqualTo("private");
	}

	@Test
	void pageClosingWithNoCodeIsReportedAs1000ByTomcatAndTheBrowser() {
		String id = openSocket();
		closeFromPage("", "");

		assertBothSides(id, 1000, null, true, Initiator.CLIENT);
	}

	@Test
	void serverClosingWith1008IsACleanServerCloseOnBothSides() {
		String id = openSocket();
		askServer("1008", "not allowed here");

		assertBothSides(id, 1008, "not allowed here", true, Initiator.SERVER);
	}

	@Test
	void handlerThrowingIsAClean1011ServerCloseOnBothSides() {
		String id = openSocket();
		click("server-throw");

		assertBothSides(id, 1011, null, true, Initiator.SERVER);
	}

	@Test
	void serverClosingWithNamed4001AndAReasonIsSeenByTheBrowser() {
		String id = openSocket();
		askServer("4001", "token expired");

		assertBothSides(id, 4001, "token expired", true, Initiator.SERVER);
		assertThat(this.server.awaitClose(id).getCloseCode().name()).isEqualTo("unauthorized");
	}

	@Test
	void pageNavigatingAwayIsSeenByTheServerAs1001WhenThePageIsNotKeptInTheBackForwardCache() {
		String id = openSocket();
		browser.navigate().to("about:blank");

		assertGoingAway(id);
	}

	@Test
	void pageKeptInTheBackForwardCacheKeepsItsSocketOpenUntilThePersonComesBack() {
		ChromeDriver cached = startBrowser("--user-data-dir=" + profile.resolve("back-forward-cache"));
		try {
			cached.get("http://localhost:" + this.port + "/");
			String id = "cached-" + System.nanoTime();
			cached.executeScript("new WebSocket('ws://' + location.host + '/lab/socket?id=' + arguments[0])"
					+ ".onopen = () => { window.socketOpen = true; }", id);
			new WebDriverWait(cached, WAIT)
				.until((driver) -> Boolean.TRUE.equals(cached.executeScript("return window.socketOpen")));
			cached.navigate().to("about:blank");

			await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(3)).until(() -> !this.server.hasClosed(id));
			cached.navigate().back();
			assertGoingAway(id);
		}
		finally {
			cached.quit();
		}
	}

	@Test
	void frameNavigatedAwayByTheLabIsSeenByTheServerAs1001AndThePageSaysItCannotCompare() {
		click("open-away");
		String id = (String) script("return closeLab.lastId");
		new WebDriverWait(browser, WAIT)
			.withMessage(() -> "the frame's socket did not open; the page's log: " + pageLog())
			.until((driver) -> "left".equals(script("return closeLab.sockets[arguments[0]].state", id)));

		assertGoingAway(id);
		awaitVerdict(id, "the page left: no CloseEvent to compare");
	}

	@Test
	void serverDroppingTheConnectionIsAnUnclean1006OnBothSides() {
		String id = openSocket();
		click("server-drop");

		assertThat(browserClose(id)).containsEntry("code", 1006L).containsEntry("wasClean", false);
		WebSocketSessionClosedEvent close = assertServerSide(id, 1006, false, Initiator.UNKNOWN);
		assertThat(close.getTransportError()).isNotNull();
		assertThat(close.getCloseCause()).isEqualTo(CloseCause.CONNECTION_LOST);
		awaitVerdict(id, "✓ agree");
	}

	@Test
	void serverClosingWith1005WhichMustNotBeSentIsCleanOnTheServerButNotInTheBrowser() {
		String id = openSocket();
		askServer("1005", "");

		assertThat(browserClose(id)).containsEntry("code", 1006L).containsEntry("wasClean", false);
		assertThat(assertServerSide(id, 1005, true, Initiator.SERVER).getCloseCause())
			.isEqualTo(CloseCause.APPLICATION);
		awaitVerdict(id, "≠ code 1006 vs 1005, clean false vs true");
	}

	@Test
	void causeButtonPeerClosedIsTheBrowsersClean1000() {
		String id = clickCause(CloseCause.PEER_CLOSED);

		assertBrowserSide(id, 1000, "", true);
		assertCause(id, CloseCause.PEER_CLOSED, 1000, null, true, Initiator.CLIENT);
		awaitVerdict(id, "✓ agree");
	}

	@Test
	void causeButtonApplicationIsTheHandlersOwnClose() {
		String id = clickCause(CloseCause.APPLICATION);

		assertBrowserSide(id, 1008, "closed by the application", true);
		assertCause(id, CloseCause.APPLICATION, 1008, "closed by the application", true, Initiator.SERVER);
		awaitVerdict(id, "✓ agree");
	}

	@Test
	void causeButtonHandlerErrorIsSpringsClean1011() {
		String id = clickCause(CloseCause.HANDLER_ERROR);

		assertBrowserSide(id, 1011, "", true);
		assertCause(id, CloseCause.HANDLER_ERROR, 1011, null, true, Initiator.SERVER);
		awaitVerdict(id, "✓ agree");
	}

	/**
	 * Tomcat ends a session idle for longer than its timeout with 1001 to the peer, and
	 * reports 1006, not clean, to the application: the two sides disagree, and only the
	 * reason text tells the server's cause.
	 */
	@Test
	void causeButtonIdleTimeoutIsA1001InTheBrowserAndAnUnclean1006OnTheServer() {
		String id = clickCause(CloseCause.IDLE_TIMEOUT);

		Map<String, Object> browserSide = assertBrowserSide(id, 1001, null, true);
		assertThat((String) browserSide.get("reason")).matches("The WebSocket session \\[\\w+] idle timeout expired");
		WebSocketSessionClosedEvent close = assertCause(id, CloseCause.IDLE_TIMEOUT, 1006, null, false,
				Initiator.UNKNOWN);
		assertThat(close.getIdleTime()).isBetween(Duration.ofSeconds(1), Duration.ofSeconds(5));
		awaitVerdict(id, "≠ code 1001 vs 1006, clean true vs false");
	}

	@Test
	void causeButtonMessageTooBigIsTomcats1009OnBothSides() {
		String id = clickCause(CloseCause.MESSAGE_TOO_BIG);

		assertBrowserSide(id, 1009, MESSAGE_TOO_BIG, true);
		assertCause(id, CloseCause.MESSAGE_TOO_BIG, 1009, MESSAGE_TOO_BIG, true, Initiator.CLIENT);
		awaitVerdict(id, "✓ agree");
	}

	@Test
	void causeButtonSendLimitIsTheDecoratorsClean4500() {
		String id = clickCause(CloseCause.SEND_LIMIT);

		assertBrowserSide(id, 4500, SEND_LIMIT, true);
		assertCause(id, CloseCause.SEND_LIMIT, 4500, SEND_LIMIT, true, Initiator.SERVER);
		awaitVerdict(id, "✓ agree");
	}

	@Test
	void causeButtonConnectionLostIsAnUnclean1006OnBothSides() {
		String id = clickCause(CloseCause.CONNECTION_LOST);

		assertBrowserSide(id, 1006, "", false);
		assertThat(
				assertCause(id, CloseCause.CONNECTION_LOST, 1006, null, false, Initiator.UNKNOWN).getTransportError())
			.isNotNull();
		awaitVerdict(id, "✓ agree");
	}

	/**
	 * The page opens a socket to the server under its other loopback name: its origin,
	 * {@code http://localhost:port}, is not the server's there, so Spring's same-origin
	 * check refuses it. The browser sees an error event and 1006; the server counts an
	 * {@code origin_rejected} handshake, 403, and publishes no session event.
	 */
	@Test
	void connectingFromAnotherOriginIsRefusedAndSeenByTheBrowserAndByTheServer() {
		double before = handshakes(CloseLabApplication.SOCKET_PATH, "origin_rejected");
		click("connect-other-origin");
		String id = (String) script("return closeLab.lastHandshake");

		Map<String, Object> browserSide = handshakeSide(id, "browser");
		Map<String, Object> serverSide = handshakeSide(id, "server");
		assertThat(browserSide).containsEntry("error", true)
			.containsEntry("code", 1006L)
			.containsEntry("wasClean", false);
		assertThat(serverSide).containsEntry("outcome", "origin_rejected")
			.containsEntry("status", 403L)
			.containsEntry("origin", "http://localhost:" + this.port)
			.containsEntry("endpoint", CloseLabApplication.SOCKET_PATH);
		assertThat(handshakes(CloseLabApplication.SOCKET_PATH, "origin_rejected")).isEqualTo(before + 1);
		assertThat(this.server.hasClosed(id)).isFalse();
		new WebDriverWait(browser, WAIT)
			.until((driver) -> browser.findElement(By.id("handshakes")).getText().contains("origin_rejected"));
	}

	@Test
	void connectingToAnEndpointWhoseInterceptorSaysNoIsSeenByBothSides() {
		click("connect-refused");
		String id = (String) script("return closeLab.lastHandshake");

		assertThat(handshakeSide(id, "browser")).containsEntry("code", 1006L).containsEntry("wasClean", false);
		assertThat(handshakeSide(id, "server")).containsEntry("outcome", "interceptor_rejected")
			.containsEntry("status", 401L)
			.containsEntry("endpoint", CloseLabApplication.REFUSED_PATH);
	}

	@Test
	void plainGetToTheSocketIsABadRequestOnBothSides() {
		click("plain-get");
		String id = (String) script("return closeLab.lastHandshake");

		assertThat(handshakeSide(id, "browser")).containsEntry("status", 400L);
		assertThat(handshakeSide(id, "server")).containsEntry("outcome", "bad_request")
			.containsEntry("status", 400L)
			.containsEntry("endpoint", CloseLabApplication.SOCKET_PATH);
	}

	@Test
	void pageRejectsCodesThatScriptsMayNotSendAndTheSocketStaysOpen() {
		String id = openSocket();
		closeFromPage("1008", "");

		assertThat(pageLog()).contains("ws.close(1008) threw InvalidAccessError");
		assertThat(script("return closeLab.sockets[arguments[0]].ws.readyState", id)).isEqualTo(1L);
	}

	@Test
	void aPersonsSessionShowsEveryCloseWithItsCountsAndTheUncleanReport() throws IOException {
		String normal = openSocket();
		closeFromPage("1000", "");
		String privateCode = openSocket();
		closeFromPage("4000", "switching rooms");
		String policy = openSocket();
		askServer("1008", "not allowed here");
		String unauthorized = openSocket();
		askServer("4001", "token expired");
		String error = openSocket();
		click("server-throw");
		String dropped = openSocket();
		click("server-drop");
		String notSendable = openSocket();
		askServer("1005", "");
		click("open-away");
		String leftPage = (String) script("return closeLab.lastId");
		for (String id : new String[] { normal, privateCode, policy, unauthorized, error, dropped }) {
			this.server.awaitClose(id);
			awaitVerdict(id, "✓ agree");
		}
		this.server.awaitClose(notSendable);
		new WebDriverWait(browser, WAIT).until((driver) -> verdictOf(notSendable).startsWith("≠"));
		this.server.awaitClose(leftPage);
		new WebDriverWait(browser, WAIT).until((driver) -> verdictOf(leftPage).startsWith("the page left"));
		new WebDriverWait(browser, WAIT).until((driver) -> browser.findElements(By.cssSelector("#report tbody tr"))
			.stream()
			.anyMatch((row) -> row.getText().contains("1006 Abnormal Closure")));
		new WebDriverWait(browser, WAIT)
			.until((driver) -> browser.findElements(By.cssSelector("#counts tbody tr")).size() >= 6);

		assertThat(browser.findElement(By.id("counts")).getText()).contains("4001 unauthorized private")
			.contains("4xxx private private")
			.contains("1006 abnormal_closure standard false unknown connection_lost")
			.contains("1011 internal_error standard true server handler_error");
		browser.manage().window().setSize(new Dimension(1500, 1560));
		try {
			File screenshot = browser.getScreenshotAs(OutputType.FILE);
			Files.copy(screenshot.toPath(), Path.of("target", "close-lab.png"), StandardCopyOption.REPLACE_EXISTING);
		}
		finally {
			browser.manage().window().setSize(new Dimension(1400, 1200));
		}
	}

	private String openSocket() {
		click("open");
		String id = (String) script("return closeLab.lastId");
		new WebDriverWait(browser, WAIT).until((driver) -> Boolean.TRUE.equals(script(
				"const s = closeLab.sockets[arguments[0]]; return s.state === 'open' && s.sessionId !== null", id)));
		return id;
	}

	/**
	 * Click the button of a cause: it opens a new socket and, once the server has said
	 * hello, ends it that way.
	 * @return the page's id of the socket
	 */
	private String clickCause(CloseCause cause) {
		click("cause-" + cause.tagValue());
		String id = (String) script("return closeLab.lastId");
		assertThat(script("return closeLab.sockets[arguments[0]].provoked", id)).isEqualTo(cause.tagValue());
		return id;
	}

	private Map<String, Object> assertBrowserSide(String id, int code, String reason, boolean wasClean) {
		Map<String, Object> browserSide = browserClose(id);
		assertThat(browserSide).containsEntry("code", (long) code).containsEntry("wasClean", wasClean);
		if (reason != null) {
			assertThat(browserSide).containsEntry("reason", reason);
		}
		return browserSide;
	}

	private WebSocketSessionClosedEvent assertCause(String id, CloseCause cause, int code, String reason, boolean clean,
			Initiator initiator) {
		WebSocketSessionClosedEvent close = assertServerSide(id, code, clean, initiator);
		assertThat(close.getCloseCause()).isEqualTo(cause);
		assertThat(close.getReason()).isEqualTo(reason);
		new WebDriverWait(browser, WAIT).withMessage(() -> "the page's row of " + id + " shows the cause " + cause)
			.until((driver) -> rowText(id).contains(" · " + cause.tagValue()));
		return close;
	}

	private String rowText(String id) {
		return (String) script("const row = document.querySelector('#closes tr[data-id=\"' + arguments[0] + '\"]');"
				+ " return row ? row.textContent : ''", id);
	}

	private void closeFromPage(String code, String reason) {
		type("browser-code", code);
		type("browser-reason", reason);
		click("browser-close");
	}

	private void askServer(String code, String reason) {
		type("server-code", code);
		type("server-reason", reason);
		click("server-close");
	}

	private void assertBothSides(String id, int code, String reason, boolean clean, Initiator initiator) {
		assertThat(browserClose(id)).containsEntry("code", (long) code)
			.containsEntry("reason", (reason != null) ? reason : "")
			.containsEntry("wasClean", clean);
		assertThat(assertServerSide(id, code, clean, initiator).getReason()).isEqualTo(reason);
		awaitVerdict(id, "✓ agree");
	}

	private WebSocketSessionClosedEvent assertServerSide(String id, int code, boolean clean, Initiator initiator) {
		WebSocketSessionClosedEvent close = this.server.awaitClose(id);
		assertThat(close.getCode()).isEqualTo(code);
		assertThat(close.isClean()).isEqualTo(clean);
		assertThat(close.getInitiator()).isEqualTo(initiator);
		assertThat(close.getEndpoint()).isEqualTo(CloseLabApplication.SOCKET_PATH);
		return close;
	}

	/**
	 * Assert the server's side of a socket whose page or frame went away: Chromium sends
	 * 1001 and then ends the connection. Mostly Tomcat has answered the close frame by
	 * then (clean, client); when Chromium's network service ends the connection first (2
	 * of 40 frame navigations in a probe), Tomcat's answer fails with a broken pipe (not
	 * clean, unknown, with that transport error).
	 */
	private void assertGoingAway(String id) {
		WebSocketSessionClosedEvent close = this.server.awaitClose(id);
		assertThat(close.getCode()).isEqualTo(1001);
		assertThat(close.getEndpoint()).isEqualTo(CloseLabApplication.SOCKET_PATH);
		if (close.getTransportError() == null) {
			assertThat(close.isClean()).isTrue();
			assertThat(close.getInitiator()).isEqualTo(Initiator.CLIENT);
		}
		else {
			assertThat(close.getTransportError()).isInstanceOf(IOException.class);
			assertThat(close.isClean()).isFalse();
			assertThat(close.getInitiator()).isEqualTo(Initiator.UNKNOWN);
		}
	}

	@SuppressWarnings("unchecked")
	private Map<String, Object> handshakeSide(String id, String side) {
		return (Map<String, Object>) new WebDriverWait(browser, WAIT)
			.withMessage(() -> "the " + side + " side of refused handshake " + id)
			.until((driver) -> script("return closeLab.handshakes[arguments[0]]." + side, id));
	}

	private double handshakes(String endpoint, String outcome) {
		Counter counter = this.registry.find(WebSocketHandshakeMetrics.HANDSHAKES)
			.tag("endpoint", endpoint)
			.tag("outcome", outcome)
			.counter();
		return (counter != null) ? counter.count() : 0;
	}

	@SuppressWarnings("unchecked")
	private Map<String, Object> browserClose(String id) {
		return (Map<String, Object>) new WebDriverWait(browser, WAIT)
			.until((driver) -> script("return closeLab.sockets[arguments[0]].browser", id));
	}

	private static String pageLog() {
		return browser.findElement(By.id("log")).getText();
	}

	/**
	 * Wait for the page to show a verdict: it shows one once the server's close event has
	 * reached it over its event stream, which may be after the test's own listener saw
	 * it.
	 */
	private void awaitVerdict(String id, String verdict) {
		new WebDriverWait(browser, WAIT).withMessage(() -> "verdict of " + id + " is " + verdictOf(id))
			.until((driver) -> verdict.equals(verdictOf(id)));
	}

	private String verdictOf(String id) {
		return (String) script(
				"const row = document.querySelector('#closes tr[data-id=\"' + arguments[0] + '\"] td.verdict');"
						+ " return row && row.textContent",
				id);
	}

	private static void type(String id, String text) {
		WebElement input = browser.findElement(By.id(id));
		input.clear();
		if (!text.isEmpty()) {
			input.sendKeys(text);
		}
	}

	private static void click(String id) {
		browser.findElement(By.id(id)).click();
	}

	private static Object script(String script, Object... arguments) {
		return ((JavascriptExecutor) browser).executeScript(script, arguments);
	}

}
