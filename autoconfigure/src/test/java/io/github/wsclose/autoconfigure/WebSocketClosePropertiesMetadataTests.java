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

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.jayway.jsonpath.DocumentContext;
import com.jayway.jsonpath.JsonPath;
import io.github.wsclose.support.WebSocketSessionsShutdownLifecycle;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for the configuration metadata generated for {@link WebSocketCloseProperties}.
 */
class WebSocketClosePropertiesMetadataTests {

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|',
			textBlock = """
					wsclose.enabled                    | java.lang.Boolean                                 | Whether
					wsclose.events.enabled             | java.lang.Boolean                                 | Whether
					wsclose.metrics.enabled            | java.lang.Boolean                                 | Whether
					wsclose.codes                      | java.util.Map<java.lang.Integer,java.lang.String> | Names of application or library close codes
					wsclose.report.recent-unclean-size | java.lang.Integer                                 | How many of the most recent unclean closes
					wsclose.shutdown.timeout           | java.time.Duration                                | How long stopping the application waits
					""")
	void propertyIsDescribedForIdeCompletion(String name, String type, String descriptionStart) throws IOException {
		Map<String, Object> property = property(name);
		assertThat(property).containsEntry("type", type);
		assertThat((String) property.get("description")).startsWith(descriptionStart).endsWith(".");
	}

	/**
	 * Every {@code wsclose} property has its default in the metadata, as the README's
	 * properties table gives it; only {@code wsclose.codes} has none (no application
	 * names; 4500's name is built in, not a default of the map).
	 */
	@ParameterizedTest(name = "{0} = {1}")
	@CsvSource(delimiter = '|', textBlock = """
			wsclose.enabled                    | true
			wsclose.events.enabled             | true
			wsclose.metrics.enabled            | true
			wsclose.report.recent-unclean-size | 50
			wsclose.shutdown.timeout           | 5s
			""")
	void propertyHasItsDefault(String name, String defaultValue) throws IOException {
		assertThat(property(name).get("defaultValue")).hasToString(defaultValue);
	}

	@Test
	void everyPropertyButTheCodeNamesHasADefault() throws IOException {
		List<Map<String, Object>> properties = metadata().read("$.properties[?(@.name =~ /wsclose\\..*/)]");
		assertThat(properties).extracting((property) -> property.get("name")).contains("wsclose.shutdown.timeout");
		assertThat(properties).filteredOn((property) -> !property.containsKey("defaultValue"))
			.extracting((property) -> property.get("name"))
			.containsExactly("wsclose.codes");
	}

	@Test
	void shutdownTimeoutDefaultIsTheLifecyclesDefault() {
		assertThat(new WebSocketCloseProperties().getShutdown().getTimeout())
			.isEqualTo(WebSocketSessionsShutdownLifecycle.DEFAULT_TIMEOUT)
			.isEqualTo(Duration.ofSeconds(5));
	}

	private static Map<String, Object> property(String name) throws IOException {
		List<Map<String, Object>> matches = metadata().read("$.properties[?(@.name == '" + name + "')]");
		assertThat(matches).as("metadata of %s", name).hasSize(1);
		return matches.get(0);
	}

	/**
	 * Read the metadata the build generated next to {@link WebSocketCloseProperties}, not
	 * the metadata of another jar on the class path.
	 */
	private static DocumentContext metadata() throws IOException {
		try {
			Path classes = Path
				.of(WebSocketCloseProperties.class.getProtectionDomain().getCodeSource().getLocation().toURI());
			return JsonPath.parse(classes.resolve("META-INF/spring-configuration-metadata.json").toFile());
		}
		catch (URISyntaxException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
