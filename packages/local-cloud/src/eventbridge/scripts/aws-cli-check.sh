#!/usr/bin/env bash
# Scripted check of the local EventBridge with the AWS CLI (v1 or v2): buses, rules, targets,
# PutEvents with delivery to an SQS target and to a dead-letter queue, TestEventPattern, bus
# policy, tags, and the API errors. Starts its own server (serve.ts) and stops it on exit.
# Not part of CI (it needs the CLI). Run from anywhere: bash packages/local-cloud/src/eventbridge/scripts/aws-cli-check.sh
set -euo pipefail
cd "$(dirname "$0")/../../../../.."

command -v aws >/dev/null || { echo "aws CLI not found: apt-get install awscli" >&2; exit 2; }
export AWS_ACCESS_KEY_ID=local AWS_SECRET_ACCESS_KEY=local AWS_DEFAULT_REGION=us-east-1 AWS_PAGER=""

log=$(mktemp)
node --import tsx packages/local-cloud/src/eventbridge/scripts/serve.ts --port 0 --time-scale 100 >"$log" 2>&1 &
server_pid=$!
trap 'kill "$server_pid" 2>/dev/null || true; rm -f "$log"' EXIT
for _ in $(seq 1 100); do grep -q 'endpoint:' "$log" && break; sleep 0.1; done
url=$(sed -n 's/^EventBridge endpoint: //p' "$log")
[ -n "$url" ] || { echo "server did not start:"; cat "$log"; exit 1; }
ev() { aws events --endpoint-url "$url" "$@"; }
fail() { echo "FAIL: $*" >&2; exit 1; }
expect_error() { # code, command...
  local code=$1; shift
  if err=$("$@" 2>&1); then fail "expected $code, got success"; fi
  grep -q "($code)" <<<"$err" || fail "expected $code, got: $err"
  echo "ok: $code"
}
wait_for() { # pattern in the server log
  for _ in $(seq 1 100); do grep -q "$1" "$log" && return 0; sleep 0.1; done
  fail "no '$1' in the server log: $(cat "$log")"
}
echo "endpoint $url"

bus=$(ev create-event-bus --name cli-orders --query EventBusArn --output text)
[ "$bus" = "arn:aws:events:us-east-1:123456789012:event-bus/cli-orders" ] || fail "bus ARN $bus"
ev list-event-buses --name-prefix cli --query 'EventBuses[].Name' --output text | grep -q cli-orders || fail "list-event-buses"
rule=$(ev put-rule --name placed --event-bus-name cli-orders \
  --event-pattern '{"source":["shop"],"detail":{"total":[{"numeric":[">",100]}]}}' --query RuleArn --output text)
[ "$rule" = "arn:aws:events:us-east-1:123456789012:rule/cli-orders/placed" ] || fail "rule ARN $rule"
[ "$(ev describe-rule --name placed --event-bus-name cli-orders --query State --output text)" = ENABLED ] || fail "describe-rule"
ev list-rules --event-bus-name cli-orders --name-prefix pl --query 'Rules[].Name' --output text | grep -q placed || fail "list-rules"

queue=arn:aws:sqs:us-east-1:123456789012:cli-big-orders
dlq=arn:aws:sqs:us-east-1:123456789012:cli-dlq
failed=$(ev put-targets --rule placed --event-bus-name cli-orders --targets \
  "[{\"Id\":\"queue\",\"Arn\":\"$queue\",\"InputPath\":\"\$.detail\"},
    {\"Id\":\"gone\",\"Arn\":\"arn:aws:lambda:us-east-1:123456789012:function:gone\",
     \"RetryPolicy\":{\"MaximumRetryAttempts\":3,\"MaximumEventAgeInSeconds\":60},\"DeadLetterConfig\":{\"Arn\":\"$dlq\"}}]" \
  --query FailedEntryCount --output text)
[ "$failed" = 0 ] || fail "put-targets FailedEntryCount $failed"
[ "$(ev list-targets-by-rule --rule placed --event-bus-name cli-orders --query 'length(Targets)' --output text)" = 2 ] || fail "list-targets-by-rule"

out=$(ev put-events --entries '[{"Source":"shop","DetailType":"order","Detail":"{\"total\":250}","EventBusName":"cli-orders"},
  {"Source":"shop","DetailType":"order","Detail":"{\"total\":5}","EventBusName":"cli-orders"},
  {"Source":"shop","DetailType":"order","Detail":"not json","EventBusName":"cli-orders"}]' --output json)
grep -q '"FailedEntryCount": 1' <<<"$out" || fail "put-events: $out"
grep -q '"ErrorCode": "MalformedDetail"' <<<"$out" || fail "put-events error code: $out"
wait_for "sqs $queue {\"body\":\"{\\\\\"total\\\\\":250}\""
echo "ok: the big order reached the queue target"
wait_for "sqs $dlq .*\"ERROR_CODE\":{\"DataType\":\"String\",\"StringValue\":\"NO_RESOURCE\"}"
echo "ok: the missing function's event reached the dead-letter queue with ERROR_CODE NO_RESOURCE"
[ "$(grep -c "^sqs $queue" "$log")" = 1 ] || fail "the small order must not match"

event='{"id":"1","account":"123456789012","source":"shop","time":"2026-01-01T00:00:00Z","region":"us-east-1","resources":[],"detail-type":"order","detail":{"total":101}}'
[ "$(ev test-event-pattern --event-pattern '{"detail":{"total":[{"numeric":[">",100]}]}}' --event "$event" --query Result --output text)" = True ] || fail "test-event-pattern"
ev put-permission --event-bus-name cli-orders --policy '{"Version":"2012-10-17","Statement":[{"Sid":"acct","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:root"},"Action":"events:PutEvents","Resource":"'"$bus"'"}]}'
ev describe-event-bus --name cli-orders --query Policy --output text | grep -q 111122223333 || fail "describe-event-bus Policy"
ev tag-resource --resource-arn "$rule" --tags Key=team,Value=shop
[ "$(ev list-tags-for-resource --resource-arn "$rule" --query 'Tags[0].Value' --output text)" = shop ] || fail "list-tags-for-resource"

expect_error InvalidEventPatternException ev put-rule --name bad --event-pattern '{"source":"shop"}'
expect_error ResourceNotFoundException ev describe-rule --name ghost
expect_error ResourceAlreadyExistsException ev create-event-bus --name cli-orders
expect_error ValidationException ev delete-rule --name placed --event-bus-name cli-orders
expect_error ValidationException ev delete-event-bus --name cli-orders

ev remove-targets --rule placed --event-bus-name cli-orders --ids queue gone >/dev/null
ev delete-rule --name placed --event-bus-name cli-orders
ev remove-permission --event-bus-name cli-orders --remove-all-permissions
ev delete-event-bus --name cli-orders
expect_error ResourceNotFoundException ev describe-event-bus --name cli-orders
echo "AWS CLI check passed"
