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
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The relative links of Markdown files and the anchors their headings make, the way
 * GitHub renders them.
 *
 * <p>
 * Reads inline links and images ({@code [text](target)}, {@code ![alt](target)}) and
 * reference definitions ({@code [name]: target}) outside code blocks and code spans.
 * Absolute links ({@code https:}, {@code mailto:}) are left alone: the build reaches no
 * network. A relative link must name an existing file or directory, and its
 * {@code #anchor}, if any, a heading of the Markdown file it names (or an
 * {@code <a id>}/{@code <a name>}), with GitHub's slugs.
 */
final class MarkdownLinks {

	private static final Pattern INLINE_LINK = Pattern
		.compile("!?\\[(?:[^\\[\\]]|\\[[^\\]]*\\])*\\]\\(([^)\\s]+)(?:\\s+\"[^\"]*\")?\\)");

	private static final Pattern REFERENCE_DEFINITION = Pattern.compile("^\\s{0,3}\\[[^\\]]+\\]:\\s*(\\S+)");

	private static final Pattern HEADING = Pattern.compile("^\\s{0,3}(#{1,6})\\s+(.*?)\\s*#*\\s*$");

	private static final Pattern HTML_ANCHOR = Pattern.compile("<a\\s+(?:id|name)=\"([^\"]+)\"");

	private static final Pattern CODE_SPAN = Pattern.compile("`+[^`]*`+");

	private final Map<Path, Set<String>> anchors = new HashMap<>();

	/**
	 * A link of a Markdown file that does not resolve.
	 *
	 * @param file the file the link is in
	 * @param line the line number, from 1
	 * @param target the link's target as written
	 * @param problem what is wrong with it
	 */
	record Broken(Path file, int line, String target, String problem) {

		@Override
		public String toString() {
			return this.file + ":" + this.line + ": " + this.target + " (" + this.problem + ")";
		}

	}

	/**
	 * Checks every relative link of a Markdown file.
	 * @param file the Markdown file
	 * @param checked receives every relative link checked, as {@code file -> target}
	 * @return the links that do not resolve
	 */
	List<Broken> check(Path file, List<String> checked) {
		List<Broken> broken = new ArrayList<>();
		List<String> lines = read(file);
		boolean fenced = false;
		for (int i = 0; i < lines.size(); i++) {
			String line = lines.get(i);
			if (line.stripLeading().startsWith("```")) {
				fenced = !fenced;
				continue;
			}
			if (fenced || line.startsWith("    ") && !line.stripLeading().startsWith("|")) {
				continue;
			}
			String text = CODE_SPAN.matcher(line).replaceAll("");
			List<String> targets = new ArrayList<>();
			Matcher inline = INLINE_LINK.matcher(text);
			while (inline.find()) {
				targets.add(inline.group(1));
			}
			Matcher reference = REFERENCE_DEFINITION.matcher(text);
			if (reference.find()) {
				targets.add(reference.group(1));
			}
			for (String target : targets) {
				if (isAbsolute(target)) {
					continue;
				}
				checked.add(file.getFileName() + " -> " + target);
				String problem = problem(file, target);
				if (problem != null) {
					broken.add(new Broken(file, i + 1, target, problem));
				}
			}
		}
		if (fenced) {
			broken.add(new Broken(file, lines.size(), "```",
					"a code block that is never closed hides every link after it"));
		}
		return broken;
	}

	private String problem(Path file, String target) {
		int hash = target.indexOf('#');
		String path = (hash >= 0) ? target.substring(0, hash) : target;
		String anchor = (hash >= 0) ? target.substring(hash + 1) : null;
		Path resolved = path.isEmpty() ? file : file.getParent().resolve(path).normalize();
		if (!Files.exists(resolved)) {
			return "no such file: " + resolved;
		}
		if (anchor == null) {
			return null;
		}
		if (!resolved.getFileName().toString().endsWith(".md")) {
			return "an anchor into a file that is not Markdown";
		}
		if (!anchorsOf(resolved).contains(anchor)) {
			return "no heading with anchor #" + anchor + " in " + resolved.getFileName() + "; it has "
					+ anchorsOf(resolved);
		}
		return null;
	}

	/**
	 * The anchors a Markdown file offers: GitHub's slug of every heading (with
	 * {@code -1}, {@code -2}, ... for repeated ones) and every {@code <a id>} or
	 * {@code <a name>}.
	 * @param file the Markdown file
	 * @return its anchors, in document order
	 */
	Set<String> anchorsOf(Path file) {
		return this.anchors.computeIfAbsent(file.toAbsolutePath().normalize(), (absolute) -> {
			Set<String> found = new LinkedHashSet<>();
			Map<String, Integer> seen = new HashMap<>();
			boolean fenced = false;
			for (String line : read(absolute)) {
				if (line.stripLeading().startsWith("```")) {
					fenced = !fenced;
					continue;
				}
				if (fenced) {
					continue;
				}
				Matcher heading = HEADING.matcher(line);
				if (heading.matches()) {
					String slug = slug(heading.group(2));
					int count = seen.merge(slug, 1, Integer::sum);
					found.add((count == 1) ? slug : slug + "-" + (count - 1));
				}
				Matcher html = HTML_ANCHOR.matcher(line);
				while (html.find()) {
					found.add(html.group(1));
				}
			}
			return found;
		});
	}

	/**
	 * GitHub's anchor for a heading: its text as rendered (links reduced to their text,
	 * no emphasis or code marks), lower case, without punctuation but {@code -} and
	 * {@code _}, spaces turned into {@code -}.
	 * @param heading the heading's Markdown text
	 * @return the anchor, without {@code #}
	 */
	static String slug(String heading) {
		String text = heading.replaceAll("!?\\[([^\\]]*)\\]\\([^)]*\\)", "$1").replaceAll("<[^>]+>", "");
		text = text.toLowerCase(Locale.ROOT);
		StringBuilder slug = new StringBuilder();
		text.codePoints().forEach((c) -> {
			if (Character.isLetterOrDigit(c) || c == '-' || c == '_') {
				slug.appendCodePoint(c);
			}
			else if (c == ' ') {
				slug.append('-');
			}
		});
		return slug.toString();
	}

	private static boolean isAbsolute(String target) {
		return target.matches("^[a-zA-Z][a-zA-Z0-9+.-]*:.*") || target.startsWith("//");
	}

	private static List<String> read(Path file) {
		try {
			return Files.readAllLines(file);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
