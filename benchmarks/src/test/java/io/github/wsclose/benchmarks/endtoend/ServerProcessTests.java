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

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests the classpaths the server JVMs are started with.
 */
class ServerProcessTests {

	private static final String AUTOCONFIGURE_JAR = String.join(File.separator, "", "work", "autoconfigure", "target",
			"wsclose-spring-boot-autoconfigure-0.1.0-SNAPSHOT.jar");

	private static final String STARTER_CLASSES = String.join(File.separator, "", "work", "starter", "target",
			"classes");

	private static final String SPRING_JAR = String.join(File.separator, "", "m2", "spring-websocket-7.0.8.jar");

	@TempDir
	Path target;

	@Test
	void baselineClasspathLeavesOutOnlyTheStartersJars() throws IOException {
		writeDependencies(AUTOCONFIGURE_JAR, STARTER_CLASSES, SPRING_JAR);
		assertThat(ServerProcess.classpath(this.target, false).split(File.pathSeparator))
			.containsExactly(this.target.resolve("classes").toString(), SPRING_JAR);
	}

	@Test
	void classpathWithTheStarterKeepsEveryDependency() throws IOException {
		writeDependencies(AUTOCONFIGURE_JAR, STARTER_CLASSES, SPRING_JAR);
		assertThat(ServerProcess.classpath(this.target, true).split(File.pathSeparator))
			.containsExactly(this.target.resolve("classes").toString(), AUTOCONFIGURE_JAR, STARTER_CLASSES, SPRING_JAR);
	}

	@Test
	void jarsOfOtherModulesAreNotTheStarters() {
		assertThat(ServerProcess.isStarter(String.join(File.separator, "", "m2", "wsclose-benchmarks-0.1.0.jar")))
			.isFalse();
		assertThat(ServerProcess.isStarter(String.join(File.separator, "", "work", "benchmarks", "target", "classes")))
			.isFalse();
	}

	private void writeDependencies(String... entries) throws IOException {
		Files.writeString(this.target.resolve("server-classpath.txt"),
				String.join(File.pathSeparator, List.of(entries)));
	}

}
