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

package io.github.wsclose.autoconfigure;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.web.socket.config.annotation.EnableWebSocket;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketHandlerRegistry;
import org.springframework.web.socket.handler.TextWebSocketHandler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * Starts a real application on embedded Tomcat with each bad {@code wsclose.codes} form,
 * from an {@code application.properties} file and from the command line, and reads what
 * the user reads: Spring Boot's {@code APPLICATION FAILED TO START} block with the
 * property, its origin and the fix, and no stack trace.
 */
@ExtendWith(OutputCaptureExtension.class)
class InvalidCloseCodeNamesStartupTests {

	private static final String CASES = """
			below-range | wsclose.codes.999  | x         | Close code 999 cannot be named: only codes 3000-4999 (registered and private) take application names | remove wsclose.codes.999, or name a code from 3000 to 4999
			above-range | wsclose.codes.5000 | x         | Close code 5000 cannot be named: only codes 3000-4999 (registered and private) take application names | remove wsclose.codes.5000, or name a code from 3000 to 4999
			empty       | wsclose.codes.4004 | ''        | The name is empty: a close code name is lower snake_case, [a-z][a-z0-9_]{0,62} | give wsclose.codes.4004 a lower snake_case name, such as wsclose.codes.4004=unauthorized, or remove it
			camel-case  | wsclose.codes.4003 | RoomFull  | The name is not lower snake_case, [a-z][a-z0-9_]{0,62}: it is the 'status' tag of the code's meters | use wsclose.codes.4003=room_full
			space       | wsclose.codes.4002 | room full | The name is not lower snake_case, [a-z][a-z0-9_]{0,62}: it is the 'status' tag of the code's meters | use wsclose.codes.4002=room_full
			""";

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', textBlock = CASES)
	void badEntryInApplicationPropertiesFailsWithItsFileAndLine(String form, String property, String value,
			String reason, String action, CapturedOutput output) {
		run("--spring.config.location=classpath:/invalid-codes/" + form + "/");
		// Each file has the bad entry on line 3. Spring Boot's properties loader gives an
		// empty value the position where the next line starts: 4:0. Columns count from 1.
		String position = value.isEmpty() ? "4:0" : "3:" + (property.length() + 2);
		assertFailureAnalysis(output.getOut(), property, value,
				"class path resource [invalid-codes/" + form + "/application.properties] - " + position, reason,
				action);
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', textBlock = CASES)
	void badEntryOnTheCommandLineFailsNamingTheCommandLine(String form, String property, String value, String reason,
			String action, CapturedOutput output) {
		run("--" + property + "=" + value);
		assertFailureAnalysis(output.getOut(), property, value,
				"\"" + property + "\" from property source \"commandLineArgs\"", reason, action);
	}

	private static void run(String... args) {
		List<String> arguments = new ArrayList<>(List.of("--server.port=0", "--spring.main.banner-mode=off"));
		arguments.addAll(List.of(args));
		SpringApplication application = new SpringApplication(BadCodesApplication.class);
		assertThatException().isThrownBy(() -> application.run(arguments.toArray(String[]::new)).close());
	}

	private static void assertFailureAnalysis(String out, String property, String value, String origin, String reason,
			String action) {
		assertThat(out).contains("APPLICATION FAILED TO START");
		String analysis = out.substring(out.indexOf("APPLICATION FAILED TO START"));
		assertThat(analysis).contains("Invalid WebSocket close code names in 'wsclose.codes':")
			.contains("Property: " + property + "\n")
			.contains("Value: \"" + value + "\"\n")
			.contains("Origin: " + origin)
			.contains("Reason: " + reason + "\n")
			.contains("Action:")
			.contains(action);
		assertThat(analysis).as("the entry that is right is not listed").doesNotContain("wsclose.codes.4001");
		String before = out.substring(0, out.indexOf("APPLICATION FAILED TO START"));
		assertThat(before).as("no stack trace before the failure analysis").doesNotContain("\tat ");
		assertThat(out).as("no stack trace at all").doesNotContain("\tat ").doesNotContain("Caused by:");
		assertThat(out).as("no bean blamed: the entries are checked before any bean is created")
			.doesNotContain("Error creating bean")
			.doesNotContain("webSocketHandlerMapping")
			.doesNotContain("Tomcat initialized");
		assertThat(before.lines().filter((line) -> line.contains(" ERROR ")))
			.as("nothing at ERROR before the failure analysis but its header")
			.allMatch((line) -> line.contains("LoggingFailureAnalysisReporter"));
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	@EnableWebSocket
	static class BadCodesApplication implements WebSocketConfigurer {

		@Override
		public void registerWebSocketHandlers(WebSocketHandlerRegistry registry) {
			registry.addHandler(new TextWebSocketHandler(), "/chat");
		}

	}

}
