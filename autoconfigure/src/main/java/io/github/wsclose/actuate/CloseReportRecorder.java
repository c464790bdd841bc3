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

package io.github.wsclose.actuate;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.atomic.LongAdder;

import io.github.wsclose.CloseCause;
import io.github.wsclose.CloseCode;
import io.github.wsclose.CloseKey;
import io.github.wsclose.Initiator;
import io.github.wsclose.LogSafe;
import io.github.wsclose.PeerText;
import io.github.wsclose.SessionClose;
import io.github.wsclose.SessionLifecycleListener;
import io.github.wsclose.actuate.CloseReport.CauseCloses;
import io.github.wsclose.actuate.CloseReport.CodeCloses;
import io.github.wsclose.actuate.CloseReport.EndpointCloses;
import io.github.wsclose.actuate.CloseReport.UncleanClose;
import org.jspecify.annotations.Nullable;

/**
 * Keeps what the {@code websocketcloses} endpoint reports: counts of closes per endpoint
 * and close code, counts per endpoint and cause with the median idle time of the most
 * recent {@value #IDLE_TIMES_KEPT} closes of each, and a ring of the most recent unclean
 * closes.
 *
 * <p>
 * The counts are this listener's own, so the report works without Micrometer. They are
 * bounded like the {@code websocket.sessions.closed} meter: they are kept by endpoint
 * pattern and by the close code's {@linkplain CloseCode#codeTagValue() code tag} and
 * {@linkplain CloseCode#tagValue() status}, never by the raw code, so peers sending any
 * codes cannot grow them. The ring keeps a fixed number of closes; a reason is kept as
 * data but cut to 123 UTF-8 bytes, a transport error to its class name and message, cut
 * to 256 characters. Recording a close is O(1) and takes no lock.
 *
 * @since 0.1.0
 */
public final class CloseReportRecorder implements SessionLifecycleListener {

	/**
	 * The most characters of a session id that are kept: a SockJS client chooses its own.
	 */
	public static final int MAX_SESSION_ID_LENGTH = 64;

	private static final Initiator[] INITIATORS = Initiator.values();

	/**
	 * How many of the most recent idle times are kept per endpoint and cause, for their
	 * median.
	 */
	public static final int IDLE_TIMES_KEPT = 64;

	private static final CloseCause[] CAUSES = CloseCause.values();

	private final ConcurrentMap<String, EndpointCounts> endpoints = new ConcurrentHashMap<>();

	private final RecentRing<UncleanClose> recentUnclean;

	/**
	 * Create a recorder.
	 * @param recentUncleanSize how many of the most recent unclean closes to keep
	 * @throws IllegalArgumentException if the size is not positive
	 */
	public CloseReportRecorder(int recentUncleanSize) {
		this.recentUnclean = new RecentRing<>(recentUncleanSize);
	}

	@Override
	public void sessionClosed(SessionClose close) {
		String endpoint = CloseKey.endpoint(close.endpoint());
		CloseCode code = close.closeCode();
		EndpointCounts counts = this.endpoints.get(endpoint);
		if (counts == null) {
			counts = this.endpoints.computeIfAbsent(endpoint, (key) -> new EndpointCounts());
		}
		counts.codes.get(code, CodeCounts::new).record(close.clean(), close.initiator());
		counts.cause(close.closeCause()).record(close.idleTime());
		if (!close.clean()) {
			this.recentUnclean.add(new UncleanClose(close.openedAt().plus(close.duration()), endpoint,
					LogSafe.escape(close.sessionId(), MAX_SESSION_ID_LENGTH), close.code(), code.name(),
					code.tagValue(), escaped(PeerText.cutReason(close.reason()), PeerText.MAX_REASON_BYTES),
					escaped(PeerText.describe(close.transportError()), PeerText.MAX_LENGTH),
					close.initiator().tagValue(), close.duration(), close.closeCause().tagValue(), close.idleTime(),
					close.messagesReceived(), close.messagesSent()));
		}
	}

	private static @Nullable String escaped(@Nullable String text, int max) {
		return (text != null) ? LogSafe.escape(text, max) : null;
	}

	/**
	 * Return the report as it is now.
	 * @return the report
	 */
	public CloseReport report() {
		Map<String, EndpointCloses> endpoints = new TreeMap<>();
		this.endpoints.forEach((endpoint, counts) -> endpoints.put(endpoint, endpointCloses(counts)));
		return new CloseReport(endpoints, this.recentUnclean.newestFirst());
	}

	/**
	 * Return how many unclean closes are kept.
	 * @return the size of the ring of recent unclean closes
	 */
	public int getRecentUncleanSize() {
		return this.recentUnclean.capacity();
	}

	private static EndpointCloses endpointCloses(EndpointCounts counts) {
		List<CodeCloses> byCode = new ArrayList<>();
		counts.codes.entries().forEach((entry) -> byCode.add(entry.value().snapshot()));
		byCode.sort(Comparator.comparingLong(CodeCloses::count)
			.reversed()
			.thenComparing(CodeCloses::code)
			.thenComparing(CodeCloses::status));
		long closes = byCode.stream().mapToLong(CodeCloses::count).sum();
		long unclean = byCode.stream().mapToLong(CodeCloses::unclean).sum();
		List<CauseCloses> byCause = new ArrayList<>();
		for (int i = 0; i < CAUSES.length; i++) {
			CauseCounts cause = counts.causes.get(i);
			if (cause != null) {
				byCause.add(new CauseCloses(CAUSES[i].tagValue(), cause.count.sum(), cause.idleTimes.median()));
			}
		}
		byCause.sort(Comparator.comparingLong(CauseCloses::count).reversed().thenComparing(CauseCloses::cause));
		return new EndpointCloses(closes, unclean, (closes != 0) ? (double) unclean / closes : 0, byCode, byCause);
	}

	@Override
	public String toString() {
		return "CloseReportRecorder[recentUncleanSize=" + getRecentUncleanSize() + "]";
	}

	/**
	 * The counts of one endpoint: by close code, and by cause.
	 */
	private static final class EndpointCounts {

		private final CloseKey.ByCode<CodeCounts> codes = new CloseKey.ByCode<>();

		private final AtomicReferenceArray<@Nullable CauseCounts> causes = new AtomicReferenceArray<>(CAUSES.length);

		CauseCounts cause(CloseCause cause) {
			CauseCounts counts = this.causes.get(cause.ordinal());
			if (counts == null) {
				this.causes.compareAndSet(cause.ordinal(), null, new CauseCounts());
				counts = this.causes.get(cause.ordinal());
			}
			return counts;
		}

	}

	/**
	 * The count of one endpoint and cause, and its recent idle times.
	 */
	private static final class CauseCounts {

		private final LongAdder count = new LongAdder();

		private final IdleTimes idleTimes = new IdleTimes(IDLE_TIMES_KEPT);

		void record(Duration idleTime) {
			this.count.increment();
			this.idleTimes.add(idleTime);
		}

	}

	/**
	 * The counts of one endpoint and close code, by cleanliness and initiator.
	 */
	private static final class CodeCounts {

		private final CloseCode code;

		private final LongAdder[] counts = new LongAdder[CloseKey.OUTCOMES];

		CodeCounts(CloseCode code) {
			this.code = code;
			for (int i = 0; i < this.counts.length; i++) {
				this.counts[i] = new LongAdder();
			}
		}

		void record(boolean clean, Initiator initiator) {
			this.counts[CloseKey.outcome(clean, initiator)].increment();
		}

		CodeCloses snapshot() {
			long count = 0;
			long unclean = 0;
			Map<String, Long> initiators = new LinkedHashMap<>();
			for (Initiator initiator : INITIATORS) {
				long uncleanByInitiator = this.counts[CloseKey.outcome(false, initiator)].sum();
				long byInitiator = uncleanByInitiator + this.counts[CloseKey.outcome(true, initiator)].sum();
				initiators.put(initiator.tagValue(), byInitiator);
				count += byInitiator;
				unclean += uncleanByInitiator;
			}
			return new CodeCloses(this.code.codeTagValue(), this.code.name(), this.code.tagValue(),
					this.code.category().tagValue(), count, unclean, initiators);
		}

	}

}
