#include "connectors/common/circuit_breaker.h"

namespace connectors {

bool CircuitBreaker::allow() {
  std::lock_guard lock(mu_);
  if (state_ == State::Open && now_() >= open_until_) {
    state_ = State::HalfOpen;
    trial_out_ = false;
  }
  switch (state_) {
    case State::Closed:
      return true;
    case State::Open:
      return false;
    case State::HalfOpen:
      if (trial_out_) return false;
      trial_out_ = true;
      return true;
  }
  return false;
}

bool CircuitBreaker::succeeded() {
  std::lock_guard lock(mu_);
  const bool recovered = failures_ > 0 || state_ != State::Closed;
  state_ = State::Closed;
  failures_ = 0;
  trial_out_ = false;
  return recovered;
}

void CircuitBreaker::failed() {
  std::lock_guard lock(mu_);
  ++failures_;
  if (state_ == State::HalfOpen || failures_ >= policy_.failures) {
    state_ = State::Open;
    open_until_ = now_() + policy_.open_for.count();
    trial_out_ = false;
  }
}

CircuitBreaker::State CircuitBreaker::state() {
  std::lock_guard lock(mu_);
  if (state_ == State::Open && now_() >= open_until_) return State::HalfOpen;
  return state_;
}

int64_t CircuitBreaker::reopensAt() {
  std::lock_guard lock(mu_);
  return state_ == State::Open ? open_until_ : 0;
}

const char* breakerStateName(CircuitBreaker::State state) {
  switch (state) {
    case CircuitBreaker::State::Closed:
      return "closed";
    case CircuitBreaker::State::Open:
      return "open";
    case CircuitBreaker::State::HalfOpen:
      return "half-open";
  }
  return "closed";
}

}  // namespace connectors
