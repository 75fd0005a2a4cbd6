/** The model's request shapes: the API's members, already checked by api-operations. */

export interface CreateLogGroupRequest {
  readonly logGroupName: string;
  readonly kmsKeyId?: string | undefined;
  readonly tags?: Readonly<Record<string, string>> | undefined;
  readonly logGroupClass?: string | undefined;
  readonly deletionProtectionEnabled?: boolean | undefined;
}

export interface DescribeLogGroupsRequest {
  readonly logGroupNamePrefix?: string | undefined;
  readonly logGroupNamePattern?: string | undefined;
  readonly logGroupIdentifiers?: readonly string[] | undefined;
  readonly logGroupClass?: string | undefined;
  readonly limit?: number | undefined;
  readonly nextToken?: string | undefined;
}

export interface DescribeLogStreamsRequest {
  readonly logGroupName: string;
  readonly logStreamNamePrefix?: string | undefined;
  readonly orderBy?: 'LogStreamName' | 'LastEventTime' | undefined;
  readonly descending?: boolean | undefined;
  readonly limit?: number | undefined;
  readonly nextToken?: string | undefined;
}

export interface GetLogEventsRequest {
  readonly logGroupName: string;
  readonly logStreamName: string;
  readonly startTime?: number | undefined;
  readonly endTime?: number | undefined;
  readonly limit?: number | undefined;
  readonly startFromHead?: boolean | undefined;
  readonly nextToken?: string | undefined;
}

export interface FilterLogEventsRequest {
  readonly logGroupName: string;
  readonly logStreamNames?: readonly string[] | undefined;
  readonly logStreamNamePrefix?: string | undefined;
  readonly startTime?: number | undefined;
  readonly endTime?: number | undefined;
  readonly filterPattern?: string | undefined;
  readonly limit?: number | undefined;
  readonly startFromHead?: boolean | undefined;
  readonly nextToken?: string | undefined;
}
