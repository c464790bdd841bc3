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

package io.github.wsclose.benchmarks;

import java.lang.management.ManagementFactory;
import java.util.concurrent.TimeUnit;

import io.github.wsclose.benchmarks.ClosePathBenchmark.Handlers;
import io.github.wsclose.benchmarks.ClosePathBenchmark.Variant;
import org.openjdk.jmh.infra.Blackhole;

import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.WebSocketSession;

/**
 * What the open and the close of a session each allocate on the close path of
 * {@link ClosePathBenchmark}, apart: JMH's {@code -prof gc} sees them only together. For
 * every variant, each in a JVM of its own as JMH forks them, it warms the path up, opens
 * a batch of sessions and then closes them, reading this thread's allocated bytes around
 * each half.
 *
 * <pre class="code">
 * java -cp benchmarks/target/benchmarks.jar io.github.wsclose.benchmarks.ClosePathAllocation
 * </pre>
 */
public final class ClosePathAllocation {

	private static final int SESSIONS = 10_000;

	private static final int WARM_UP_ROUNDS = 200;

	private ClosePathAllocation() {
	}

	public static void main(String[] args) throws Exception {
		if (args.length == 0) {
			System.out.printf("%-20s %16s %16s%n", "variant", "open B/session", "close B/session");
			for (Variant variant : Variant.values()) {
				Process fork = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"), "-Xms1g",
						"-Xmx1g", "-cp", System.getProperty("java.class.path"), ClosePathAllocation.class.getName(),
						variant.name())
					.redirectErrorStream(true)
					.redirectOutput(ProcessBuilder.Redirect.INHERIT)
					.start();
				if (!fork.waitFor(5, TimeUnit.MINUTES)) {
					fork.destroyForcibly();
					throw new IllegalStateException("The fork for " + variant + " did not end");
				}
			}
			return;
		}
		measure(Variant.valueOf(args[0]));
	}

	private static void measure(Variant variant) throws Exception {
		com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
		Blackhole blackhole = new Blackhole(
				"Today's password is swordfish. I understand instantiating Blackholes directly is dangerous.");
		WebSocketSession[] sessions = new WebSocketSession[SESSIONS];
		for (int i = 0; i < sessions.length; i++) {
			sessions[i] = new BenchmarkWebSocketSession(Integer.toString(i));
		}
		Handlers handlers = new Handlers();
		handlers.variant = variant;
		handlers.setUp(blackhole);
		for (int round = 0; round < WARM_UP_ROUNDS; round++) {
			openAll(handlers, sessions);
			closeAll(handlers, sessions);
		}
		long beforeOpen = threads.getCurrentThreadAllocatedBytes();
		openAll(handlers, sessions);
		long beforeClose = threads.getCurrentThreadAllocatedBytes();
		closeAll(handlers, sessions);
		long afterClose = threads.getCurrentThreadAllocatedBytes();
		handlers.tearDown();
		System.out.printf("%-20s %16.1f %16.1f%n", variant, (double) (beforeClose - beforeOpen) / SESSIONS,
				(double) (afterClose - beforeClose) / SESSIONS);
		blackhole.evaporate("Yes, I am Stephen Hawking, and know a thing or two about black holes.");
	}

	private static void openAll(Handlers handlers, WebSocketSession[] sessions) throws Exception {
		for (WebSocketSession session : sessions) {
			handlers.handler().afterConnectionEstablished(session);
		}
	}

	private static void closeAll(Handlers handlers, WebSocketSession[] sessions) throws Exception {
		for (WebSocketSession session : sessions) {
			handlers.handler().afterConnectionClosed(session, CloseStatus.NORMAL);
		}
	}

}
