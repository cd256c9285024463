'use client';

import { MessageBar, MessageBarBody, MessageBarGroup, MessageBarTitle, type MessageBarIntent } from '@fluentui/react-components';

export interface Notice {
  intent: MessageBarIntent;
  title: string;
  /** Safe for the browser: user messages from AppError, never raw ARM error text. */
  message: string;
}

/** Page-level notices: partial failures, refusals and information the user should act on. */
export function NoticeList({ notices }: { notices: Notice[] }) {
  if (notices.length === 0) return null;
  return (
    <MessageBarGroup style={{ marginBlockEnd: 16 }}>
      {notices.map((notice) => (
        <MessageBar key={`${notice.title}:${notice.message}`} intent={notice.intent} layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>{notice.title}</MessageBarTitle>
            {notice.message}
          </MessageBarBody>
        </MessageBar>
      ))}
    </MessageBarGroup>
  );
}
