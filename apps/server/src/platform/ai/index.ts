export {
  AiError,
  type AiErrorKind,
  type AiGateway,
  type AiUse,
  type ChatRequest,
  type ChatStreamEvent,
  type ChatTurn,
  type ModelId,
  type ModelRoute,
  type TokenUsage,
} from './ai-gateway.ts';
export { type AiConfig, type CreateAiGatewayOptions, createAiGateway } from './create-ai-gateway.ts';
