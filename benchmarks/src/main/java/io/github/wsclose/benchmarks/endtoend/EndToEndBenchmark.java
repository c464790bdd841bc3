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

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import io.github.wsclose.benchmarks.endtoend.ServerProcess.Stack;
import io.github.wsclose.benchmarks.server.OperatorsOnlyHandler;
import org.jspecify.annotations.Nullable;

/**
 * Sessions per second of an echo application with the starter against the same
 * application without it, measured alternately in one run.
 *
 * <p>
 * Both servers run at once, each in its own JVM; this JVM drives them with
 * {@code concurrency} threads of {@link EchoClient}s, one session after another: open,
 * exchange one message, close with {@code 1000}. After the warm-up rounds, the rounds
 * alternate in the order with/without, without/with, and so on, so that a drift of the
 * machine weighs on both alike. Each round is bounded by its session count and by a time
 * limit. Besides sessions per second, each round reports the CPU time the server JVM used
 * per session: on a machine shared with other work, it is the steadier figure.
 *
 * <p>
 * The warm-up must outlast the JIT compiler: over runs of 8 warm-up and 8 to 10 measured
 * rounds of 10,000 sessions, the compiler threads took about 30 % of each server's CPU,
 * more on the server with the starter (more code to compile), so the rounds weighed the
 * compiler more than the steady state. The default is 30 warm-up rounds.
 *
 * <pre class="code">
 * java -cp benchmarks/target/benchmarks.jar io.github.wsclose.benchmarks.endtoend.EndToEndBenchmark \
 *     [--stack servlet|reactive|both] [--sessions 10000] [--concurrency 16] [--rounds 24] [--warmup-rounds 30] \
 *     [--control true|operators[=status,session,mono]] [--forks 1]
 * </pre> With {@code --control true} both servers run without the starter: an A/A run
 * that shows what the harness and the machine make of two identical servers. With
 * {@code --control operators} (reactive stack) the first of them wraps its handler in the
 * Reactor operators the starter's reactive adapter adds, and reports nothing: what those
 * operators cost Reactor Netty by themselves ({@link OperatorsOnlyHandler}). With
 * {@code --forks N}, N pairs of server JVMs are started, warmed up and measured one after
 * the other, every other pair started in the other order, and their rounds are pooled:
 * two JVMs of one server settle a few percent apart, and one pair's ratio carries that
 * difference whole.
 */
public final class EndToEndBenchmark {

	private static final long ROUND_TIME_LIMIT_NANOS = TimeUnit.SECONDS.toNanos(120);

	private EndToEndBenchmark() {
	}

	public static void main(String[] args) throws Exception {
		Options options = Options.parse(args);
		System.out.printf(
				"End to end: %d sessions a round, %d message(s) each, at concurrency %d, %d warm-up and %d "
						+ "measured rounds per variant, %d cores, server JVM %s%n",
				options.sessions, options.messages, options.concurrency, options.warmUpRounds, options.rounds,
				Runtime.getRuntime().availableProcessors(), ServerProcess.JVM_ARGS);
		ExecutorService clients = Executors.newFixedThreadPool(options.concurrency);
		try {
			for (Stack stack : options.stacks) {
				run(stack, options, clients);
			}
		}
		finally {
			clients.shutdownNow();
		}
	}

	private static void run(Stack stack, Options options, ExecutorService clients) throws Exception {
		List<Fork> forks = new ArrayList<>();
		for (int fork = 1; fork <= options.forks; fork++) {
			if (options.forks > 1) {
				System.out.printf("%n%s: fork %d of %d%n", stack, fork, options.forks);
			}
			// the fork's pair of JVMs starts in the other order every other fork
			Fork result = runFork(stack, options, clients, fork % 2 == 0);
			forks.add(result);
			result.print(stack + ((options.forks > 1) ? " fork " + fork : ""), options.control);
		}
		if (forks.size() > 1) {
			Fork pooled = Fork.pool(forks);
			pooled.print(stack + ", the " + forks.size() + " forks' rounds pooled", options.control);
			double[] forkRatios = forks.stream().mapToDouble((fork) -> median(fork.ratios)).toArray();
			double[] forkCpuRatios = forks.stream().mapToDouble((fork) -> median(fork.cpuRatios)).toArray();
			System.out.printf(
					"%s: median of the forks' median ratios %.3f (forks %s); of their cpu ratios %.3f (forks %s)%n",
					stack, median(forkRatios), format(forkRatios), median(forkCpuRatios), format(forkCpuRatios));
		}
	}

	private static Fork runFork(Stack stack, Options options, ExecutorService clients, boolean withoutFirst)
			throws Exception {
		try (ServerProcess first = startServer(stack, options, !withoutFirst);
				ServerProcess second = startServer(stack, options, withoutFirst)) {
			return withoutFirst ? measure(stack, options, clients, second, first)
					: measure(stack, options, clients, first, second);
		}
	}

	/**
	 * Start the server of the 'with' column (with the starter, or in a control run its
	 * stand-in) or the one without the starter.
	 */
	private static ServerProcess startServer(Stack stack, Options options, boolean withColumn) throws Exception {
		if (!withColumn) {
			return ServerProcess.start(stack, false, ServerProcess.JVM_ARGS, "");
		}
		List<String> jvmArgs = new ArrayList<>(ServerProcess.JVM_ARGS);
		if (options.operators != null) {
			jvmArgs.add("-D" + OperatorsOnlyHandler.PROPERTY + "=" + options.operators);
		}
		return ServerProcess.start(stack, !options.control, jvmArgs, options.control ? "-control" : "");
	}

	private static Fork measure(Stack stack, Options options, ExecutorService clients, ServerProcess with,
			ServerProcess without) throws Exception {
		if (options.control) {
			System.out.printf("%nControl run: both servers run without the starter; the 'with' column is %s%s%n",
					with.name(), (options.operators != null)
							? ", its handler wrapped in the reactive adapter's operators " + options.operators : "");
		}
		System.out.printf("%n%s: %s on port %d (pid %d), %s on port %d (pid %d)%n", stack, with.name(), with.port(),
				with.pid(), without.name(), without.port(), without.pid());
		for (int round = 1; round <= options.warmUpRounds; round++) {
			Round first = Round.run(with, options, clients);
			Round second = Round.run(without, options, clients);
			System.out.printf("warm-up %d: with %s, without %s%n", round, first, second);
		}
		Fork fork = new Fork(options.rounds);
		System.out.printf("%-6s %16s %16s %8s %18s %18s %10s%n", "round", "with (s/s)", "without (s/s)", "ratio",
				"with (cpu us/s.)", "without (cpu us/s.)", "cpu ratio");
		for (int round = 0; round < options.rounds; round++) {
			Round withRound;
			Round withoutRound;
			if (round % 2 == 0) {
				withRound = Round.run(with, options, clients);
				withoutRound = Round.run(without, options, clients);
			}
			else {
				withoutRound = Round.run(without, options, clients);
				withRound = Round.run(with, options, clients);
			}
			fork.record(round, withRound, withoutRound);
			System.out.printf("%-6d %16s %16s %8.3f %18.1f %18.1f %10.3f%n", round + 1, withRound, withoutRound,
					fork.ratios[round], fork.withCpu[round], fork.withoutCpu[round], fork.cpuRatios[round]);
		}
		fork.closeEvents = with.stop();
		without.stop();
		fork.sessions = (long) (options.warmUpRounds + options.rounds) * options.sessions;
		return fork;
	}

	private static String format(double[] values) {
		return Arrays.stream(values)
			.mapToObj((value) -> String.format(Locale.ROOT, "%.3f", value))
			.reduce((a, b) -> a + ", " + b)
			.orElse("");
	}

	/**
	 * The measured rounds of one pair of server JVMs, or of several pooled.
	 */
	private static final class Fork {

		final double[] withRates;

		final double[] withoutRates;

		final double[] ratios;

		final double[] withCpu;

		final double[] withoutCpu;

		final double[] cpuRatios;

		long closeEvents;

		long sessions;

		Fork(int rounds) {
			this.withRates = new double[rounds];
			this.withoutRates = new double[rounds];
			this.ratios = new double[rounds];
			this.withCpu = new double[rounds];
			this.withoutCpu = new double[rounds];
			this.cpuRatios = new double[rounds];
		}

		void record(int round, Round with, Round without) {
			this.withRates[round] = with.sessionsPerSecond();
			this.withoutRates[round] = without.sessionsPerSecond();
			this.ratios[round] = this.withRates[round] / this.withoutRates[round];
			this.withCpu[round] = with.serverCpuMicrosPerSession();
			this.withoutCpu[round] = without.serverCpuMicrosPerSession();
			this.cpuRatios[round] = this.withoutCpu[round] / this.withCpu[round];
		}

		static Fork pool(List<Fork> forks) {
			int rounds = forks.stream().mapToInt((fork) -> fork.ratios.length).sum();
			Fork pooled = new Fork(rounds);
			int at = 0;
			for (Fork fork : forks) {
				int length = fork.ratios.length;
				System.arraycopy(fork.withRates, 0, pooled.withRates, at, length);
				System.arraycopy(fork.withoutRates, 0, pooled.withoutRates, at, length);
				System.arraycopy(fork.ratios, 0, pooled.ratios, at, length);
				System.arraycopy(fork.withCpu, 0, pooled.withCpu, at, length);
				System.arraycopy(fork.withoutCpu, 0, pooled.withoutCpu, at, length);
				System.arraycopy(fork.cpuRatios, 0, pooled.cpuRatios, at, length);
				at += length;
				pooled.closeEvents += fork.closeEvents;
				pooled.sessions += fork.sessions;
			}
			return pooled;
		}

		/**
		 * Print the medians and spreads; {@code control} when both servers ran without
		 * the starter, so that no close event was counted.
		 */
		void print(String label, boolean control) {
			System.out.printf(
					"%s: with %.0f s/s (median), without %.0f s/s (median); ratio with/without: "
							+ "median %.3f, mean %.3f ± %.3f (sd), min %.3f, max %.3f; %s%n",
					label, median(this.withRates), median(this.withoutRates), median(this.ratios), mean(this.ratios),
					standardDeviation(this.ratios), Arrays.stream(this.ratios).min().orElse(0),
					Arrays.stream(this.ratios).max().orElse(0),
					control ? "no close events (no starter)" : "close events received with the starter: "
							+ this.closeEvents + " of " + this.sessions + " sessions");
			System.out.printf(
					"%s: server CPU per session with %.1f us (median), without %.1f us (median); "
							+ "cpu ratio without/with: median %.3f, mean %.3f ± %.3f (sd), min %.3f, max %.3f%n",
					label, median(this.withCpu), median(this.withoutCpu), median(this.cpuRatios), mean(this.cpuRatios),
					standardDeviation(this.cpuRatios), Arrays.stream(this.cpuRatios).min().orElse(0),
					Arrays.stream(this.cpuRatios).max().orElse(0));
		}

	}

	static double median(double[] values) {
		double[] sorted = values.clone();
		Arrays.sort(sorted);
		int middle = sorted.length / 2;
		return (sorted.length % 2 == 1) ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
	}

	static double mean(double[] values) {
		return Arrays.stream(values).average().orElse(Double.NaN);
	}

	static double standardDeviation(double[] values) {
		double mean = mean(values);
		return Math.sqrt(Arrays.stream(values).map((value) -> (value - mean) * (value - mean)).sum()
				/ Math.max(1, values.length - 1));
	}

	/**
	 * One round against one server: {@code sessions} sessions, {@code concurrency} at a
	 * time.
	 *
	 * @param sessions how many sessions completed
	 * @param failures how many failed
	 * @param nanos how long the round took
	 * @param serverCpuNanos the CPU time the server JVM used meanwhile, which other load
	 * on the machine disturbs less than the elapsed time
	 * @param firstFailure what the first failure was, if any
	 */
	record Round(int sessions, int failures, long nanos, long serverCpuNanos, String firstFailure) {

		static Round run(ServerProcess server, Options options, ExecutorService clients) throws Exception {
			return run(server, options.sessions, options.concurrency, options.messages, clients);
		}

		static Round run(ServerProcess server, int sessions, int concurrency, ExecutorService clients)
				throws Exception {
			return run(server, sessions, concurrency, 1, clients);
		}

		static Round run(ServerProcess server, int sessions, int concurrency, int messages, ExecutorService clients)
				throws Exception {
			int port = server.port();
			long cpuBefore = server.cpuNanos();
			AtomicInteger remaining = new AtomicInteger(sessions);
			AtomicInteger completed = new AtomicInteger();
			AtomicInteger failed = new AtomicInteger();
			AtomicReference<String> firstFailure = new AtomicReference<>("");
			long start = System.nanoTime();
			long deadline = start + ROUND_TIME_LIMIT_NANOS;
			List<Future<?>> workers = new ArrayList<>();
			for (int i = 0; i < concurrency; i++) {
				workers.add(clients.submit(() -> {
					while (remaining.getAndDecrement() > 0 && System.nanoTime() < deadline) {
						try (EchoClient client = EchoClient.open(port)) {
							for (int message = 0; message < messages; message++) {
								client.exchange();
							}
							client.closeNormally();
							completed.incrementAndGet();
						}
						catch (Exception ex) {
							failed.incrementAndGet();
							firstFailure.compareAndSet("", ex.toString());
						}
					}
				}));
			}
			for (Future<?> worker : workers) {
				worker.get(ROUND_TIME_LIMIT_NANOS + TimeUnit.SECONDS.toNanos(30), TimeUnit.NANOSECONDS);
			}
			long nanos = System.nanoTime() - start;
			return new Round(completed.get(), failed.get(), nanos, server.cpuNanos() - cpuBefore, firstFailure.get());
		}

		double sessionsPerSecond() {
			return this.sessions / (this.nanos / 1e9);
		}

		double serverCpuMicrosPerSession() {
			return this.serverCpuNanos / 1e3 / this.sessions;
		}

		@Override
		public String toString() {
			String rate = String.format(Locale.ROOT, "%.0f", sessionsPerSecond());
			return (this.failures == 0) ? rate : rate + " (" + this.failures + " failed: " + this.firstFailure + ")";
		}

	}

	/**
	 * The command line.
	 */
	static final class Options {

		private static final String OPERATORS = "operators=";

		List<Stack> stacks = List.of(Stack.SERVLET, Stack.REACTIVE);

		int sessions = 10000;

		int concurrency = 16;

		int rounds = 24;

		int warmUpRounds = 30;

		/**
		 * How many pairs of server JVMs to measure one after the other, each warmed up
		 * and measured alone: two JVMs of the same server settle at speeds a few percent
		 * apart (their JIT compilers decide differently), which one pair cannot tell from
		 * the starter's cost.
		 */
		int forks = 1;

		/**
		 * How many messages each session exchanges before it closes: 1 for the close
		 * path, 100 for the message-heavy scenario that weighs the per-message activity
		 * tracking.
		 */
		int messages = 1;

		boolean control;

		/**
		 * With {@code --control operators[=parts]}: the parts of the reactive adapter's
		 * operators the control server wraps its handler in (see
		 * {@link OperatorsOnlyHandler}), or {@code null}.
		 */
		@Nullable String operators;

		/**
		 * Take {@code --control}'s value: {@code true}, {@code false}, or
		 * {@code operators}, alone (every part) or with the parts, each of
		 * {@link OperatorsOnlyHandler#ALL}.
		 */
		private void control(String value) {
			String parts = value.equals("operators") ? OperatorsOnlyHandler.ALL
					: value.startsWith(OPERATORS) ? value.substring(OPERATORS.length()) : null;
			if (parts != null) {
				List<String> known = List.of(OperatorsOnlyHandler.ALL.split(","));
				if (!known.containsAll(List.of(parts.split(",")))) {
					throw new IllegalArgumentException("--control operators= takes parts of " + known + ": " + parts);
				}
				this.control = true;
				this.operators = parts;
			}
			else if (value.equals("true") || value.equals("false")) {
				this.control = Boolean.parseBoolean(value);
			}
			else {
				throw new IllegalArgumentException("--control takes true, false or operators[=parts]: " + value);
			}
		}

		static Options parse(String[] args) {
			Options options = new Options();
			for (int i = 0; i + 1 < args.length; i += 2) {
				String value = args[i + 1];
				switch (args[i]) {
					case "--stack" -> options.stacks = "both".equals(value) ? options.stacks
							: List.of(Stack.valueOf(value.toUpperCase(Locale.ROOT)));
					case "--sessions" -> options.sessions = Integer.parseInt(value);
					case "--concurrency" -> options.concurrency = Integer.parseInt(value);
					case "--rounds" -> options.rounds = Integer.parseInt(value);
					case "--warmup-rounds" -> options.warmUpRounds = Integer.parseInt(value);
					case "--control" -> options.control(value);
					case "--messages" -> options.messages = Integer.parseInt(value);
					case "--forks" -> options.forks = positive("--forks", Integer.parseInt(value));
					default -> throw new IllegalArgumentException("Unknown option " + args[i]);
				}
			}
			return options;
		}

		private static int positive(String option, int value) {
			if (value < 1) {
				throw new IllegalArgumentException(option + " takes a number of at least 1: " + value);
			}
			return value;
		}

	}

}
