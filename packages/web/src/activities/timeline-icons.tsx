import type { ReactNode } from "react";
import type { ActivityType } from "@conveyor/contracts";

// Small inline icons: the CSP allows no icon fonts from a CDN, and a whole icon package is not needed.
const Svg = ({ children }: { children: ReactNode }) => (
  <svg
    width="16"
    height="16"
    viewBox="0 0 24 24"
    fill="none"
    stroke="currentColor"
    strokeWidth="2"
    strokeLinecap="round"
    strokeLinejoin="round"
    aria-hidden="true"
  >
    {children}
  </svg>
);

export const PhoneIcon = () => (
  <Svg>
    <path d="M5 4h4l2 5-2.5 1.5a11 11 0 0 0 5 5L15 13l5 2v4a2 2 0 0 1-2 2A16 16 0 0 1 3 6a2 2 0 0 1 2-2" />
  </Svg>
);

const MeetingIcon = () => (
  <Svg>
    <circle cx="9" cy="7" r="4" />
    <path d="M3 21v-2a4 4 0 0 1 4-4h4a4 4 0 0 1 4 4v2" />
    <path d="M16 3.13a4 4 0 0 1 0 7.75M21 21v-2a4 4 0 0 0-3-3.85" />
  </Svg>
);

export const MailIcon = () => (
  <Svg>
    <rect x="3" y="5" width="18" height="14" rx="2" />
    <path d="m3 7 9 6 9-6" />
  </Svg>
);

const ProposalIcon = () => (
  <Svg>
    <path d="M14 3v4a1 1 0 0 0 1 1h4" />
    <path d="M17 21H7a2 2 0 0 1-2-2V5a2 2 0 0 1 2-2h7l5 5v11a2 2 0 0 1-2 2z" />
    <path d="M9 13h6M9 17h4" />
  </Svg>
);

const NoteIcon = () => (
  <Svg>
    <path d="M4 20h4L18.5 9.5a2.8 2.8 0 0 0-4-4L4 16v4" />
    <path d="m13.5 6.5 4 4" />
  </Svg>
);

export const CheckIcon = () => (
  <Svg>
    <path d="m5 12 5 5L20 7" />
  </Svg>
);

export const TaskIcon = () => (
  <Svg>
    <rect x="4" y="4" width="16" height="16" rx="2" />
    <path d="M8 12h8M8 8h8M8 16h5" />
  </Svg>
);

export const PlusIcon = () => (
  <Svg>
    <path d="M12 5v14M5 12h14" />
  </Svg>
);

export const UserSwitchIcon = () => (
  <Svg>
    <circle cx="9" cy="8" r="4" />
    <path d="M3 21v-2a4 4 0 0 1 4-4h4" />
    <path d="m17 14 3 3-3 3M20 17h-6" />
  </Svg>
);

export const EditIcon = NoteIcon;

export const DealIcon = () => (
  <Svg>
    <rect x="3" y="7" width="18" height="13" rx="2" />
    <path d="M8 7V5a2 2 0 0 1 2-2h4a2 2 0 0 1 2 2v2M3 13h18" />
  </Svg>
);

export const OrderIcon = () => (
  <Svg>
    <path d="M6 2 3 6v14a2 2 0 0 0 2 2h14a2 2 0 0 0 2-2V6l-3-4z" />
    <path d="M3 6h18" />
    <path d="M16 10a4 4 0 0 1-8 0" />
  </Svg>
);

export const PaymentIcon = () => (
  <Svg>
    <rect x="2" y="5" width="20" height="14" rx="2" />
    <path d="M2 10h20" />
  </Svg>
);

export const ActivityIcon = ({ type }: { type: ActivityType }) => {
  switch (type) {
    case "call":
      return <PhoneIcon />;
    case "meeting":
      return <MeetingIcon />;
    case "email":
      return <MailIcon />;
    case "proposal":
      return <ProposalIcon />;
    case "note":
      return <NoteIcon />;
  }
};
