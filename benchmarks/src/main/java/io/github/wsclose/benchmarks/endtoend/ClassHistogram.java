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

package io.github.wsclose.benchmarks.endtoend;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The live objects of a JVM by class, as {@code jcmd PID GC.class_histogram} prints them
 * after a full collection. Lambda classes are named by the class they are declared in, so
 * that histograms of two JVMs compare.
 *
 * @param bytesByClass the bytes of live instances, by class name
 * @param instancesByClass the number of live instances, by class name
 */
record ClassHistogram(Map<String, Long> bytesByClass, Map<String, Long> instancesByClass) {

	private static final Pattern ROW = Pattern.compile("\\s*\\d+:\\s+(\\d+)\\s+(\\d+)\\s+(\\S+).*");

	/**
	 * What makes the name of a lambda's class differ from one JVM to the next.
	 */
	private static final Pattern LAMBDA_SUFFIX = Pattern.compile("\\$\\$Lambda\\$?[0-9]*/0x[0-9a-f]+");

	/**
	 * Take the histogram of a running JVM; {@code jcmd} runs a full collection first.
	 * @param pid the JVM's process id
	 * @return the histogram
	 * @throws IOException if {@code jcmd} fails
	 * @throws InterruptedException if interrupted while waiting for it
	 */
	static ClassHistogram of(long pid) throws IOException, InterruptedException {
		String java = ProcessHandle.current().info().command().orElse("java");
		Path jcmd = Path.of(java).resolveSibling("jcmd");
		Process process = new ProcessBuilder(jcmd.toString(), Long.toString(pid), "GC.class_histogram")
			.redirectErrorStream(true)
			.start();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
			process.destroyForcibly();
			throw new IOException("jcmd failed: " + output);
		}
		return parse(output.lines().toList());
	}

	/**
	 * Read the rows of {@code GC.class_histogram} output.
	 * @param lines the output
	 * @return the histogram
	 */
	static ClassHistogram parse(List<String> lines) {
		Map<String, Long> bytes = new HashMap<>();
		Map<String, Long> instances = new HashMap<>();
		for (String line : lines) {
			Matcher row = ROW.matcher(line);
			if (row.matches()) {
				String name = LAMBDA_SUFFIX.matcher(row.group(3)).replaceAll(Matcher.quoteReplacement("$$Lambda"));
				instances.merge(name, Long.parseLong(row.group(1)), Long::sum);
				bytes.merge(name, Long.parseLong(row.group(2)), Long::sum);
			}
		}
		return new ClassHistogram(bytes, instances);
	}

	/**
	 * Return the bytes of all live objects.
	 * @return the total
	 */
	long totalBytes() {
		return this.bytesByClass.values().stream().mapToLong(Long::longValue).sum();
	}

	/**
	 * Return what was added since an earlier histogram of the same JVM, class by class.
	 * @param earlier the earlier histogram
	 * @return the difference, negative for classes that shrank
	 */
	ClassHistogram minus(ClassHistogram earlier) {
		Set<String> classes = new HashSet<>(this.bytesByClass.keySet());
		classes.addAll(earlier.bytesByClass.keySet());
		Map<String, Long> bytes = new HashMap<>();
		Map<String, Long> instances = new HashMap<>();
		for (String name : classes) {
			bytes.put(name, this.bytesByClass.getOrDefault(name, 0L) - earlier.bytesByClass.getOrDefault(name, 0L));
			instances.put(name,
					this.instancesByClass.getOrDefault(name, 0L) - earlier.instancesByClass.getOrDefault(name, 0L));
		}
		return new ClassHistogram(bytes, instances);
	}

}
