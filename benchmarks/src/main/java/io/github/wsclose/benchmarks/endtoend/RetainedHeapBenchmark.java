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
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.github.wsclose.benchmarks.endtoend.EndToEndBenchmark.Round;
import io.github.wsclose.benchmarks.endtoend.ServerProcess.Stack;

/**
 * The heap an open session retains with the starter, less what it retains without it.
 *
 * <p>
 * For each variant, one server JVM at a time: warm it up with sessions that open,
 * exchange a message and close; take a class histogram of the live heap
 * ({@code jcmd GC.class_histogram}, after a full collection); open {@code sessions}
 * sessions from this JVM that exchange one message and then stay open and idle; take a
 * second histogram; close them. The per-session figure of a variant is the growth between
 * the two histograms divided by the sessions, so what the application holds anyway
 * cancels out; the starter's cost is the difference between the variants, shown with the
 * classes that make it up.
 *
 * <pre class="code">
 * java -cp benchmarks/target/benchmarks.jar io.github.wsclose.benchmarks.endtoend.RetainedHeapBenchmark \
 *     [--stack servlet|reactive|both] [--sessions 10000]
 * </pre> Each JVM needs a file descriptor per session: check {@code ulimit -n}.
 */
public final class RetainedHeapBenchmark {

	private static final int OPENING_THREADS = 4;

	private static final int WARM_UP_SESSIONS = 2000;

	/**
	 * The classes shown are those whose share is at least this many bytes per session.
	 */
	private static final double SHOWN_BYTES_PER_SESSION = 1.0;

	/**
	 * The flags of the server JVMs: room for 10,000 sessions of Tomcat's (about 74 KB
	 * each, mostly its frame buffers).
	 */
	private static final List<String> JVM_ARGS = List.of("-Xms2g", "-Xmx2g", "-XX:+UseG1GC");

	private RetainedHeapBenchmark() {
	}

	public static void main(String[] args) throws Exception {
		List<Stack> stacks = List.of(Stack.SERVLET, Stack.REACTIVE);
		int sessions = 10_000;
		for (int i = 0; i + 1 < args.length; i += 2) {
			switch (args[i]) {
				case "--stack" -> stacks = "both".equals(args[i + 1]) ? stacks
						: List.of(Stack.valueOf(args[i + 1].toUpperCase(Locale.ROOT)));
				case "--sessions" -> sessions = Integer.parseInt(args[i + 1]);
				default -> throw new IllegalArgumentException("Unknown option " + args[i]);
			}
		}
		ExecutorService clients = Executors.newFixedThreadPool(OPENING_THREADS);
		try {
			for (Stack stack : stacks) {
				ClassHistogram with = growth(stack, true, sessions, clients);
				ClassHistogram without = growth(stack, false, sessions, clients);
				report(stack, sessions, with, without);
			}
		}
		finally {
			clients.shutdownNow();
		}
	}

	/**
	 * Return how the live heap of a server grew while {@code sessions} idle sessions
	 * opened.
	 */
	private static ClassHistogram growth(Stack stack, boolean starter, int sessions, ExecutorService clients)
			throws Exception {
		try (ServerProcess server = ServerProcess.start(stack, starter, JVM_ARGS, "")) {
			Round warmUp = Round.run(server, WARM_UP_SESSIONS, OPENING_THREADS, clients);
			if (warmUp.failures() > 0) {
				throw new IllegalStateException(server.name() + " failed to warm up: " + warmUp);
			}
			ClassHistogram before = ClassHistogram.of(server.pid());
			List<EchoClient> open = openIdle(server.port(), sessions, clients);
			try {
				ClassHistogram after = ClassHistogram.of(server.pid());
				System.out.printf("%s: %d idle sessions, live heap %d -> %d bytes, %.1f bytes per session%n",
						server.name(), open.size(), before.totalBytes(), after.totalBytes(),
						(double) (after.totalBytes() - before.totalBytes()) / open.size());
				return after.minus(before);
			}
			finally {
				for (EchoClient client : open) {
					client.close();
				}
			}
		}
	}

	private static List<EchoClient> openIdle(int port, int sessions, ExecutorService clients) throws Exception {
		List<Future<List<EchoClient>>> batches = new ArrayList<>();
		for (int t = 0; t < OPENING_THREADS; t++) {
			int count = sessions / OPENING_THREADS + ((t < sessions % OPENING_THREADS) ? 1 : 0);
			batches.add(clients.submit(() -> {
				List<EchoClient> opened = new ArrayList<>();
				try {
					for (int i = 0; i < count; i++) {
						EchoClient client = EchoClient.open(port);
						opened.add(client);
						client.exchange();
					}
				}
				catch (IOException ex) {
					for (EchoClient client : opened) {
						client.close();
					}
					throw ex;
				}
				return opened;
			}));
		}
		List<EchoClient> open = new ArrayList<>();
		for (Future<List<EchoClient>> batch : batches) {
			open.addAll(batch.get(10, TimeUnit.MINUTES));
		}
		return open;
	}

	private static void report(Stack stack, int sessions, ClassHistogram with, ClassHistogram without) {
		ClassHistogram starter = with.minus(without);
		System.out.printf(
				"%s: retained per open session with the starter %.1f bytes, without %.1f bytes: "
						+ "the starter's %.1f bytes per session%n",
				stack, (double) with.totalBytes() / sessions, (double) without.totalBytes() / sessions,
				(double) starter.totalBytes() / sessions);
		System.out.printf("  %-90s %12s %12s%n", "class (with less without)", "bytes/session", "objs/session");
		starter.bytesByClass()
			.entrySet()
			.stream()
			.filter((entry) -> Math.abs((double) entry.getValue() / sessions) >= SHOWN_BYTES_PER_SESSION)
			.sorted(Comparator.comparingLong((Map.Entry<String, Long> entry) -> Math.abs(entry.getValue())).reversed())
			.forEach((entry) -> System.out.printf("  %-90s %12.1f %12.2f%n", entry.getKey(),
					(double) entry.getValue() / sessions,
					(double) starter.instancesByClass().get(entry.getKey()) / sessions));
	}

}
