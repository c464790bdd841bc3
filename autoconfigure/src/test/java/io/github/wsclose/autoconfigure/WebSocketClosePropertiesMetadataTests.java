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
import java.util.List;
import java.util.Map;

import com.jayway.jsonpath.DocumentContext;
import com.jayway.jsonpath.JsonPath;
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
					wsclose.enabled         | java.lang.Boolean                                 | Whether
					wsclose.events.enabled  | java.lang.Boolean                                 | Whether
					wsclose.metrics.enabled | java.lang.Boolean                                 | Whether
					wsclose.codes           | java.util.Map<java.lang.Integer,java.lang.String> | Names of application or library close codes
					wsclose.report.recent-unclean-size | java.lang.Integer                    | How many of the most recent unclean closes
					wsclose.shutdown.timeout | java.time.Duration                            | How long stopping the application waits
					""")
	void propertyIsDescribedForIdeCompletion(String name, String type, String descriptionStart) throws IOException {
		Map<String, Object> property = property(name);
		assertThat(property).containsEntry("type", type);
		assertThat((String) property.get("description")).startsWith(descriptionStart).endsWith(".");
		if (type.equals("java.lang.Boolean")) {
			assertThat(property).containsEntry("defaultValue", true);
		}
		if (type.equals("java.lang.Integer")) {
			assertThat(property).containsEntry("defaultValue", 50);
		}
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
