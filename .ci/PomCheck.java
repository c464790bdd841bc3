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


import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPath;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathFactory;

import org.w3c.dom.Document;

/**
 * Checks that a pom staged for Maven Central carries the metadata Central requires and
 * resolves on its own: run with {@code java .ci/PomCheck.java path/to/artifact.pom}.
 *
 * <p>
 * Prints what it found and exits 0, or prints every missing element and exits 1. Used by
 * {@code .ci/release-check}; a single-file program so the check needs only the JDK.
 */
public final class PomCheck {

	private static final String[][] REQUIRED = { { "name", "/project/name" },
			{ "description", "/project/description" }, { "url", "/project/url" },
			{ "licenses", "/project/licenses/license/name" }, { "license url", "/project/licenses/license/url" },
			{ "developers", "/project/developers/developer/name" }, { "scm url", "/project/scm/url" },
			{ "scm connection", "/project/scm/connection" },
			{ "scm developerConnection", "/project/scm/developerConnection" },
			{ "issueManagement", "/project/issueManagement/url" }, { "groupId", "/project/groupId" },
			{ "artifactId", "/project/artifactId" }, { "version", "/project/version" } };

	private PomCheck() {
	}

	public static void main(String[] args) throws Exception {
		Path pom = Path.of(args[0]);
		String text = Files.readString(pom);
		DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
		factory.setNamespaceAware(false);
		Document document = factory.newDocumentBuilder().parse(new File(args[0]));
		XPath xpath = XPathFactory.newInstance().newXPath();
		List<String> problems = new ArrayList<>();
		for (String[] required : REQUIRED) {
			String value = (String) xpath.evaluate(required[1], document, XPathConstants.STRING);
			if (value == null || value.isBlank()) {
				problems.add("no " + required[0] + " (" + required[1] + ")");
			}
		}
		int at = text.indexOf("${");
		if (at >= 0) {
			int end = text.indexOf('}', at);
			problems.add("an unresolved " + text.substring(at, (end > at) ? end + 1 : Math.min(text.length(), at + 40)));
		}
		String parent = (String) xpath.evaluate("/project/parent/artifactId", document, XPathConstants.STRING);
		if (parent != null && !parent.isBlank()) {
			problems.add("a parent, " + parent + ", that is not published: the pom must be flattened");
		}
		if (!problems.isEmpty()) {
			problems.forEach((problem) -> System.out.println(pom.getFileName() + " has " + problem));
			System.exit(1);
		}
		System.out.println("pom has name, description, url, licenses, developers, scm, issueManagement,"
				+ " no parent and no ${...}");
	}

}
