package io.ringwatch.detectors.domain;

import java.math.BigDecimal;

/**
 * The web-store fields of a sale or inventory event. Every field but {@code eventType} may be null
 * when the producer does not send it.
 *
 * @param storeId the store that recorded the event
 * @param eventType {@code sale_event} or {@code inventory_event}
 * @param discount discount in percent, 0–100
 * @param priorityShipping whether the buyer asked for priority shipping
 * @param giftWrap whether the buyer asked for gift wrap
 * @param category product category
 * @param sku stock keeping unit
 * @param quantity number of items
 */
public record StoreDetails(
    String storeId,
    String eventType,
    BigDecimal discount,
    Boolean priorityShipping,
    Boolean giftWrap,
    String category,
    String sku,
    Integer quantity) {

  public static final String SALE_EVENT = "sale_event";
  public static final String INVENTORY_EVENT = "inventory_event";

  public StoreDetails {
    if (eventType == null || eventType.isBlank()) {
      throw new IllegalArgumentException("store event type is required");
    }
    if (discount != null
        && (discount.signum() < 0 || discount.compareTo(BigDecimal.valueOf(100)) > 0)) {
      throw new IllegalArgumentException("discount must be between 0 and 100, was " + discount);
    }
    if (quantity != null && quantity < 0) {
      throw new IllegalArgumentException("quantity must not be negative, was " + quantity);
    }
  }

  public boolean isSale() {
    return SALE_EVENT.equals(eventType);
  }
}
