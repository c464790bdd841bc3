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

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import io.github.wsclose.benchmarks.server.EchoServer;

/**
 * An echo application running in a child JVM, on the benchmark module's runtime classpath
 * with or without the starter's two jars: the application is the same, only wsclose is
 * missing from the baseline. Its output goes to a log file under {@code target/}; it
 * stops when it is closed, or when this JVM dies.
 */
final class ServerProcess implements AutoCloseable {

	/**
	 * The flags of the end-to-end server JVMs: a fixed heap, so both variants run alike.
	 */
	static final List<String> JVM_ARGS = List.of("-Xms512m", "-Xmx512m", "-XX:+UseG1GC");

	/**
	 * The system property with more flags for the server JVMs, for example to profile
	 * them:
	 * {@code -Dwsclose.benchmarks.server-jvm-args="-XX:StartFlightRecording=filename={name}.jfr"};
	 * {@code {name}} stands for the server's name.
	 */
	static final String EXTRA_JVM_ARGS = "wsclose.benchmarks.server-jvm-args";

	private static final Pattern READY = Pattern.compile(Pattern.quote(EchoServer.READY) + "(\\d+) wsclose=(\\w+)");

	private static final Pattern STARTER_ENTRY = Pattern
		.compile(".*(wsclose-spring-boot-(autoconfigure|starter)-[^" + Pattern.quote(File.separator) + "]*\\.jar|"
				+ "(autoconfigure|starter)" + Pattern.quote(File.separator + "target" + File.separator) + "classes)");

	private final String name;

	private final Process process;

	private final int port;

	private final CompletableFuture<Long> closes = new CompletableFuture<>();

	private ServerProcess(String name, Process process, Path log, boolean starter)
			throws IOException, InterruptedException {
		this.name = name;
		this.process = process;
		CompletableFuture<Matcher> ready = new CompletableFuture<>();
		Thread drain = new Thread(() -> drain(log, ready), name + "-output");
		drain.setDaemon(true);
		drain.start();
		try {
			Matcher matcher = ready.get(120, TimeUnit.SECONDS);
			this.port = Integer.parseInt(matcher.group(1));
			if (Boolean.parseBoolean(matcher.group(2)) != starter) {
				throw new IllegalStateException(name + " came up with wsclose=" + matcher.group(2));
			}
		}
		catch (TimeoutException | ExecutionException | IllegalStateException ex) {
			process.destroyForcibly();
			throw new IllegalStateException(name + " did not start: see " + log, ex);
		}
	}

	/**
	 * Start an echo application and wait until it listens.
	 * @param stack which application
	 * @param starter whether the starter is on its classpath
	 * @param jvmArgs the flags of the server JVM
	 * @param nameSuffix what to add to the server's name, to tell apart two servers of
	 * the same variant
	 * @return the running server
	 * @throws IOException if the JVM cannot be started
	 * @throws InterruptedException if interrupted while waiting for it
	 */
	static ServerProcess start(Stack stack, boolean starter, List<String> jvmArgs, String nameSuffix)
			throws IOException, InterruptedException {
		String name = stack.name().toLowerCase(Locale.ROOT) + (starter ? "-with-wsclose" : "-without-wsclose")
				+ nameSuffix;
		Path target = targetDirectory();
		List<String> command = new ArrayList<>();
		command.add(ProcessHandle.current().info().command().orElse("java"));
		command.addAll(jvmArgs);
		String extraJvmArgs = System.getProperty(EXTRA_JVM_ARGS, "").replace("{name}", name);
		if (!extraJvmArgs.isBlank()) {
			command.addAll(List.of(extraJvmArgs.trim().split("\\s+")));
		}
		command.add("-cp");
		command.add(classpath(target, starter));
		command.add(EchoServer.class.getName());
		command.add(stack.name().toLowerCase(Locale.ROOT));
		Path log = Files.createDirectories(target.resolve("benchmark-logs")).resolve(name + ".log");
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		ServerProcess server = new ServerProcess(name, process, log, starter);
		Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly));
		return server;
	}

	/**
	 * Return the classpath of a server: the benchmark module's classes and its runtime
	 * dependencies, less the starter's jars for the baseline.
	 */
	static String classpath(Path target, boolean starter) throws IOException {
		Path dependencies = target.resolve("server-classpath.txt");
		if (!Files.isRegularFile(dependencies)) {
			throw new IllegalStateException(
					dependencies + " is missing: build with " + "./mvnw -B -pl benchmarks -am package -DskipTests");
		}
		List<String> entries = new ArrayList<>();
		entries.add(target.resolve("classes").toString());
		Arrays.stream(Files.readString(dependencies, StandardCharsets.UTF_8).trim().split(File.pathSeparator))
			.filter((entry) -> starter || !isStarter(entry))
			.forEach(entries::add);
		return String.join(File.pathSeparator, entries);
	}

	/**
	 * Return whether a classpath entry is one of the starter's jars (or their classes in
	 * the reactor).
	 */
	static boolean isStarter(String entry) {
		return STARTER_ENTRY.matcher(entry).matches();
	}

	/**
	 * Return the {@code target} directory this module was built in, from where this class
	 * was loaded: {@code target/benchmarks.jar} or {@code target/classes}.
	 */
	static Path targetDirectory() {
		try {
			Path location = Path.of(ServerProcess.class.getProtectionDomain().getCodeSource().getLocation().toURI());
			return location.toAbsolutePath().getParent();
		}
		catch (URISyntaxException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private void drain(Path log, CompletableFuture<Matcher> ready) {
		try (BufferedReader output = new BufferedReader(
				new InputStreamReader(this.process.getInputStream(), StandardCharsets.UTF_8));
				PrintWriter writer = new PrintWriter(Files.newBufferedWriter(log, StandardCharsets.UTF_8), true)) {
			String line;
			while ((line = output.readLine()) != null) {
				writer.println(line);
				Matcher matcher = READY.matcher(line);
				if (matcher.matches()) {
					ready.complete(matcher);
				}
				if (line.startsWith(EchoServer.CLOSES)) {
					this.closes.complete(Long.parseLong(line.substring(EchoServer.CLOSES.length()).trim()));
				}
			}
			ready.completeExceptionally(new IOException("The server ended: " + readTail(log)));
		}
		catch (IOException ex) {
			ready.completeExceptionally(ex);
			throw new UncheckedIOException(ex);
		}
		finally {
			this.closes.complete(-1L);
		}
	}

	private static String readTail(Path log) throws IOException {
		List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
		return lines.subList(Math.max(0, lines.size() - 20), lines.size()).stream().collect(Collectors.joining("\n"));
	}

	String name() {
		return this.name;
	}

	int port() {
		return this.port;
	}

	long pid() {
		return this.process.pid();
	}

	/**
	 * Return the CPU time the server JVM has used so far.
	 * @return the time in nanoseconds, at the operating system's clock-tick resolution
	 */
	long cpuNanos() {
		return this.process.info().totalCpuDuration().map(Duration::toNanos).orElse(0L);
	}

	/**
	 * Stop the server and return how many close events its listener received.
	 * @return the close events, {@code -1} without the starter or if it did not say
	 */
	long stop() {
		try {
			this.process.getOutputStream().close();
			if (!this.process.waitFor(30, TimeUnit.SECONDS)) {
				this.process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
			}
			return this.closes.get(10, TimeUnit.SECONDS);
		}
		catch (Exception ex) {
			this.process.destroyForcibly();
			return -1;
		}
	}

	@Override
	public void close() {
		if (this.process.isAlive()) {
			stop();
		}
	}

	/**
	 * The echo applications.
	 */
	enum Stack {

		/**
		 * Spring MVC on embedded Tomcat.
		 */
		SERVLET,

		/**
		 * WebFlux on Reactor Netty.
		 */
		REACTIVE

	}

}
