#pragma once

namespace compose::test {

// How many times slower than a plain build this test program runs: COMPOSE_TEST_TIME_FACTOR
// (scripts/test.sh --sanitize sets 3: AddressSanitizer and UndefinedBehaviorSanitizer make the
// code and every allocation slower), 1 when unset or not a number from 1 to 20.
// Scale the bounded waits for something that must happen (a song to play, a server to answer)
// and the time budgets of load checks; never use it to shorten a wait, and never to turn a
// "nothing happened" check into a fixed sleep.
int timeFactor();
inline int scaledMs(int ms)
{
    return ms * timeFactor();
}

} // namespace compose::test
