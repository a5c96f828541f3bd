/**
 * JUnit 5 fixtures that start real in-process ZooKeeper servers for tests.
 */
@NullMarked
package io.zkworkflow.test;

import org.jspecify.annotations.NullMarked;
