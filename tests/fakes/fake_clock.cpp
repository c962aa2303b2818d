#include "fakes/fake_clock.hpp"
