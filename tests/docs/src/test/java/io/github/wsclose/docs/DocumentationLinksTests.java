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

package io.github.wsclose.docs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README is a landing page and every relative link and {@code #anchor} of it, of
 * {@code docs/} and of the modules' READMEs resolves, with GitHub's anchor rules.
 */
class DocumentationLinksTests {

	private static final Path ROOT = Path.of(System.getProperty("wsclose.root", "../..")).toAbsolutePath().normalize();

	private final MarkdownLinks links = new MarkdownLinks();

	@Test
	void everyRelativeLinkAndAnchorResolves() throws IOException {
		List<String> checked = new ArrayList<>();
		List<MarkdownLinks.Broken> broken = new ArrayList<>();
		for (Path file : documents()) {
			broken.addAll(this.links.check(file, checked));
		}
		assertThat(broken).as("links that do not resolve").isEmpty();
		assertThat(checked).as("relative links checked")
			.hasSizeGreaterThan(30)
			.contains("README.md -> docs/events-and-meters.md#the-meters",
					"close-behaviour.md -> clean-and-initiator.md", "events-and-meters.md -> #name-your-own-codes");
	}

	@Test
	void readmeIsALandingPageUnder300Lines() throws IOException {
		List<String> readme = Files.readAllLines(ROOT.resolve("README.md"));
		assertThat(readme).hasSizeLessThan(300)
			.contains("./mvnw -pl samples/close-lab -am spring-boot:run", "./mvnw -B verify");
	}

	@Test
	void docsHaveOnePagePerSubject() {
		assertThat(ROOT.resolve("docs")).isDirectoryContaining("glob:**/events-and-meters.md")
			.isDirectoryContaining("glob:**/clean-and-initiator.md")
			.isDirectoryContaining("glob:**/containers.md")
			.isDirectoryContaining("glob:**/endpoint.md")
			.isDirectoryContaining("glob:**/conformance.md")
			.isDirectoryContaining("glob:**/performance.md")
			.isDirectoryContaining("glob:**/lab.md");
	}

	@Test
	void slugsFollowGitHubRules() {
		assertThat(MarkdownLinks.slug("Clean and initiator")).isEqualTo("clean-and-initiator");
		assertThat(MarkdownLinks.slug("Why did my WebSocket disconnect? The `websocketcloses` endpoint"))
			.isEqualTo("why-did-my-websocket-disconnect-the-websocketcloses-endpoint");
		assertThat(MarkdownLinks.slug("On `/actuator/metrics`")).isEqualTo("on-actuatormetrics");
		assertThat(MarkdownLinks.slug("Browser and server, side by side")).isEqualTo("browser-and-server-side-by-side");
		assertThat(MarkdownLinks.slug("Valid close codes (Autobahn 7.7, and 1012-1014 from IANA)"))
			.isEqualTo("valid-close-codes-autobahn-77-and-1012-1014-from-iana");
		assertThat(MarkdownLinks.slug("See [the lab](lab.md) now")).isEqualTo("see-the-lab-now");
	}

	@Test
	void missingFileMissingAnchorAndRepeatedHeadingsAreTold(@TempDir Path dir) throws IOException {
		Files.writeString(dir.resolve("a.md"), """
				# Title

				## Part
				## Part

				[ok](b.md#part-1) [ok](#title) [file](c.md) [anchor](b.md#nothing) [web](https://example.org/x.md)

				```
				[in code](nowhere.md)
				```
				""");
		Files.writeString(dir.resolve("b.md"), "# B\n\n## Part\n\n## Part\n");
		List<String> checked = new ArrayList<>();
		List<MarkdownLinks.Broken> broken = this.links.check(dir.resolve("a.md"), checked);
		assertThat(checked).containsExactly("a.md -> b.md#part-1", "a.md -> #title", "a.md -> c.md",
				"a.md -> b.md#nothing");
		assertThat(broken).extracting(MarkdownLinks.Broken::target).containsExactly("c.md", "b.md#nothing");
		assertThat(this.links.anchorsOf(dir.resolve("a.md"))).containsExactly("title", "part", "part-1");
	}

	private static List<Path> documents() throws IOException {
		List<Path> documents = new ArrayList<>();
		documents.add(ROOT.resolve("README.md"));
		documents.add(ROOT.resolve("CHANGELOG.md"));
		try (Stream<Path> docs = Files.list(ROOT.resolve("docs"))) {
			docs.filter((path) -> path.toString().endsWith(".md")).sorted().forEach(documents::add);
		}
		for (String module : new String[] { "benchmarks", "samples/close-lab", "samples/servlet-echo",
				"samples/webflux-echo" }) {
			Path readme = ROOT.resolve(module).resolve("README.md");
			if (Files.exists(readme)) {
				documents.add(readme);
			}
		}
		return documents;
	}

}
