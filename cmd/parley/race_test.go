//go:build race

package main

// raceEnabled tells the tests that build the command to build it with the
// race detector too, so that they reuse the packages compiled for the test.
const raceEnabled = true
