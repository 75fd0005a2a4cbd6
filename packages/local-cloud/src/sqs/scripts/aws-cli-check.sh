#!/usr/bin/env bash
# Scripted check with the AWS CLI (v1 or v2) against the local SQS and STS: create queues, send,
# receive, delete, attributes, tags, redrive to a dead-letter queue, an error code, and
# `aws sts get-caller-identity`; reports which SQS protocol the CLI spoke; deletes what it made.
# Not part of CI (needs the CLI). Run from anywhere: bash packages/local-cloud/src/sqs/scripts/aws-cli-check.sh
# AWS_CLI names another CLI binary, e.g. AWS_CLI=/usr/bin/aws for Debian's awscli 2.9 (query protocol).
set -euo pipefail
cd "$(dirname "$0")/../../../../.."

cli=${AWS_CLI:-aws}
command -v "$cli" >/dev/null || { echo "$cli not found: pip install awscli, or apt-get install awscli" >&2; exit 2; }
aws() { command "$cli" "$@"; }
export AWS_ACCESS_KEY_ID=local AWS_SECRET_ACCESS_KEY=local AWS_DEFAULT_REGION=us-east-1 AWS_PAGER=""
unset AWS_PROFILE AWS_ENDPOINT_URL AWS_ENDPOINT_URL_SQS AWS_ENDPOINT_URL_STS

log=$(mktemp)
node --import tsx packages/local-cloud/src/sqs/scripts/serve.ts --port 0 --time-scale 10 >"$log" 2>&1 &
server_pid=$!
trap 'kill "$server_pid" 2>/dev/null || true; rm -f "$log"' EXIT
for _ in $(seq 1 100); do grep -q '^endpoint:' "$log" && break; sleep 0.1; done
url=$(sed -n 's/^endpoint: //p' "$log")
[ -n "$url" ] || { echo "server did not start:"; cat "$log"; exit 1; }
sqs() { aws sqs --endpoint-url "$url" "$@"; }
fail() { echo "FAIL: $*" >&2; exit 1; }
echo "$(aws --version 2>&1) against $url"

debug=$(sqs list-queues --debug 2>&1)
if grep -q "AmazonSQS.ListQueues" <<<"$debug"; then protocol="JSON 1.0 (X-Amz-Target: AmazonSQS.ListQueues)"
elif grep -q "'Action': 'ListQueues'" <<<"$debug"; then protocol="query (Action=ListQueues&Version=2012-11-05)"
else fail "could not tell which protocol the CLI used"; fi
echo "SQS protocol the CLI uses: $protocol"

dlq=$(sqs create-queue --queue-name cli-check-dlq --query QueueUrl --output text)
dlq_arn=$(sqs get-queue-attributes --queue-url "$dlq" --attribute-names QueueArn --query Attributes.QueueArn --output text)
[ "$dlq_arn" = "arn:aws:sqs:us-east-1:123456789012:cli-check-dlq" ] || fail "QueueArn $dlq_arn"
redrive="{\\\"deadLetterTargetArn\\\":\\\"$dlq_arn\\\",\\\"maxReceiveCount\\\":\\\"1\\\"}"
work=$(sqs create-queue --queue-name cli-check-work --attributes "{\"RedrivePolicy\":\"$redrive\",\"VisibilityTimeout\":\"0\"}" --tags team=fanout --query QueueUrl --output text)
[ "$work" = "$url/123456789012/cli-check-work" ] || fail "queue URL $work"
sqs list-queues --queue-name-prefix cli-check --query 'QueueUrls' --output text | grep -q cli-check-work || fail "list-queues"
[ "$(sqs list-queue-tags --queue-url "$work" --query Tags.team --output text)" = fanout ] || fail "tags"
echo "ok: create-queue, get-queue-attributes, list-queues, list-queue-tags"

md5=$(sqs send-message --queue-url "$work" --message-body 'hello from the CLI' --message-attributes 'kind={DataType=String,StringValue=greeting}' --query MD5OfMessageBody --output text)
[ "$md5" = "$(printf 'hello from the CLI' | md5sum | cut -d' ' -f1)" ] || fail "MD5OfMessageBody $md5"
IFS=$'\t' read -r body kind count handle < <(sqs receive-message --queue-url "$work" --attribute-names All --message-attribute-names All --visibility-timeout 600 \
  --query 'Messages[0].[Body,MessageAttributes.kind.StringValue,Attributes.ApproximateReceiveCount,ReceiptHandle]' --output text)
[ "$body|$kind|$count" = 'hello from the CLI|greeting|1' ] || fail "received $body|$kind|$count"
sqs delete-message --queue-url "$work" --receipt-handle "$handle"
echo "ok: send-message, receive-message, delete-message"

sqs set-queue-attributes --queue-url "$work" --attributes DelaySeconds=0
[ "$(sqs get-queue-attributes --queue-url "$work" --attribute-names All --query Attributes.ApproximateNumberOfMessages --output text)" = 0 ] || fail "queue not empty"
echo "ok: set-queue-attributes, get-queue-attributes All"

sqs send-message --queue-url "$work" --message-body poison >/dev/null
first=$(sqs receive-message --queue-url "$work" --query 'Messages[0].Body' --output text)
[ "$first" = poison ] || fail "first receive: $first"
second=$(sqs receive-message --queue-url "$work" --query 'Messages[0].Body' --output text)
[ "$second" = None ] || fail "second receive should have moved the message, got $second"
dead=$(sqs receive-message --queue-url "$dlq" --wait-time-seconds 2 --attribute-names All --query 'Messages[0].[Body,Attributes.DeadLetterQueueSourceArn]' --output text)
[[ "$dead" == poison*cli-check-work ]] || fail "dead-letter queue got: $dead"
echo "ok: redrive to the dead-letter queue after maxReceiveCount receives"

if err=$(sqs get-queue-url --queue-name cli-check-absent 2>&1); then fail "get-queue-url of a missing queue succeeded"; fi
grep -q "AWS.SimpleQueueService.NonExistentQueue\|QueueDoesNotExist" <<<"$err" || fail "missing queue error: $err"
echo "ok: error code ($(grep -o '(AWS.SimpleQueueService.NonExistentQueue)\|(QueueDoesNotExist)' <<<"$err"))"

identity=$(aws sts get-caller-identity --endpoint-url "$url" --query '[Account,Arn]' --output text)
[ "$identity" = "$(printf '123456789012\tarn:aws:iam::123456789012:root')" ] || fail "get-caller-identity: $identity"
echo "ok: sts get-caller-identity ($identity)"

sqs delete-queue --queue-url "$work"
sqs delete-queue --queue-url "$dlq"
[ "$(sqs list-queues --queue-name-prefix cli-check --query 'length(QueueUrls || `[]`)' --output text)" = 0 ] || fail "queues left behind"
echo "AWS CLI check passed"
