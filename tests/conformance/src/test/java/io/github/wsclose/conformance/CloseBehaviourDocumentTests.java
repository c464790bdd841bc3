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

package io.github.wsclose.conformance;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import io.github.wsclose.conformance.CloseBehaviourResults.Result;
import org.junit.jupiter.api.ClassOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Renders {@code docs/close-behaviour.md} from the results the suite wrote to
 * {@code target/close-behaviour.json}, and fails when the committed document differs, so
 * that it cannot go stale. Runs after every other class of the suite
 * ({@link ClassOrderer.OrderAnnotation} in {@code junit-platform.properties}). With
 * {@code -Dwsclose.docs.write=true} it writes the document instead.
 * <p>
 * On a Spring Boot line other than the default one ({@code wsclose.docs.line}, set by the
 * module's line profiles) it compares the cells that differ from the default line's
 * {@code docs/close-behaviour.md} with the committed
 * {@code docs/close-behaviour-<line>.md} ({@link CloseBehaviourDifferences}) instead.
 */
@Order(Integer.MAX_VALUE)
class CloseBehaviourDocumentTests {

	@Test
	void committedDocumentIsWhatTheSuiteMeasured() throws IOException {
		Path results = CloseBehaviourResults.file();
		assumeTrue(Files.exists(results), "No results: run the whole suite");
		List<Result> all = CloseBehaviourResults.read(results);
		Set<String> servers = all.stream().map(Result::server).collect(Collectors.toSet());
		assumeTrue(servers.containsAll(Arrays.stream(ServerUnderTest.values()).map(Enum::name).toList()),
				"Results of some servers are missing: run the whole suite");
		String rendered = CloseBehaviourDocument.render(all);
		Path document = Path.of(System.getProperty("wsclose.docs.file", "../../docs/close-behaviour.md"));
		String line = System.getProperty("wsclose.docs.line", "");
		if (!line.isEmpty()) {
			// another Spring Boot line: its differences from the default line's matrix
			assertThat(Files.exists(document)).as(document + " exists").isTrue();
			rendered = CloseBehaviourDifferences.render(line, Files.readString(document, StandardCharsets.UTF_8),
					rendered);
			document = document.resolveSibling("close-behaviour-" + line + ".md");
		}
		if (Boolean.getBoolean("wsclose.docs.write")) {
			Files.writeString(document, rendered, StandardCharsets.UTF_8);
		}
		assertThat(Files.exists(document)).as(document + " exists").isTrue();
		String committed = Files.readString(document, StandardCharsets.UTF_8);
		if (!committed.equals(rendered)) {
			Path measured = Path.of("target", document.getFileName().toString());
			Files.writeString(measured, rendered, StandardCharsets.UTF_8);
			fail("%s is stale: regenerate it with ./mvnw -B -pl tests/conformance -am verify -Dwsclose.docs.write=true"
					+ " (and the -Dspring-boot.version of its line). The measured document is %s. The lines that"
					+ " differ:%n%s", document, measured.toAbsolutePath(), differingLines(committed, rendered));
		}
	}

	@Test
	void differingLinesNameOnlyTheLinesThatChanged() {
		String committed = "| a | 1000 |\n| b | 1006 |\n| c | 1001 |\n";
		String measured = "| a | 1000 |\n| b | 1002 |\n| c | 1001 |\n";
		assertThat(differingLines(committed, measured).lines()).containsExactly("- | b | 1006 |", "+ | b | 1002 |");
	}

	/**
	 * The lines only one of the two documents has, each marked {@code -} (committed) or
	 * {@code +} (measured), so that a failure in CI names the cells that changed.
	 */
	static String differingLines(String committed, String measured) {
		List<String> committedLines = committed.lines().toList();
		List<String> measuredLines = measured.lines().toList();
		StringBuilder differences = new StringBuilder();
		committedLines.stream()
			.filter((line) -> !measuredLines.contains(line))
			.forEach((line) -> differences.append("- ").append(line).append(System.lineSeparator()));
		measuredLines.stream()
			.filter((line) -> !committedLines.contains(line))
			.forEach((line) -> differences.append("+ ").append(line).append(System.lineSeparator()));
		return differences.toString();
	}

}
